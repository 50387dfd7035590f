#!/usr/bin/env bash
# One-time set-up on a fresh Debian machine: Chromium + a Chinese font for the browser tests, then npm packages.
# `npm ci` fails for this stack (optional platform packages of @tarojs/binding were never published), so this uses
# `npm install`, which honours the committed package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
fc-list 2>/dev/null | grep -qi 'WenQuanYi Micro Hei' || need_apt+=(fonts-wqy-microhei)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]} from Debian"
  SUDO=''
  [ "$(id -u)" = 0 ] || SUDO='sudo'
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm install"
  npm install --no-audit --no-fund
fi
