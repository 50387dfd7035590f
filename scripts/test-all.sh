#!/usr/bin/env bash
# Everything CI proves, in order: types, lint, both app builds, the cloud bundle, every jest project, size budgets.
set -euo pipefail
cd "$(dirname "$0")/.."
export TZ=UTC  # machines run in UTC, users in UTC+8: tests must not depend on the machine's zone

step () { echo; echo "==> $*"; local t=$SECONDS; "$@"; echo "<== $1 $2 ok in $((SECONDS - t))s"; }

step npm run typecheck
step npm run lint
step npm run build:weapp
step npm run build:h5
step npm run build:cloud
step npx jest --ci
step node scripts/check-budgets.mjs
