#!/usr/bin/env bash
# Everything CI proves, in order: types, lint, both app builds, the cloud bundle, every jest project, size budgets.
set -euo pipefail
cd "$(dirname "$0")/.."
export TZ=UTC  # machines run in UTC, users in UTC+8: tests must not depend on the machine's zone

# The domain and report tests run again with the machine on Beijing time and west of UTC (with daylight saving):
# dates, periods and report figures must come out the same in every zone.
zone_tests () { TZ="$1" npx jest --ci tests/domain/ tests/cloud/report-correctness --selectProjects unit; }

step () { echo; echo "==> $*"; local t=$SECONDS; "$@"; echo "<== $1 $2 ok in $((SECONDS - t))s"; }

step npm run typecheck
step npm run lint
step npm run build:weapp
step npm run build:h5
step npm run build:cloud
step npx jest --ci
step zone_tests Asia/Shanghai
step zone_tests America/New_York
step node scripts/check-budgets.mjs
