#!/usr/bin/env bash
# Installs the Debian packages the project needs, only when they are missing.
#   runtime: libgomp1 (OpenMP: the engine's thread-safe numba layer, scoring/engine/__init__.py)
#   test:    runtime, plus Chromium and CJK fonts for the real-browser tests
set -euo pipefail
needed=()
dpkg -s libgomp1 >/dev/null 2>&1 || needed+=(libgomp1)
if [ "${1:-test}" = "test" ]; then
  [ -x /usr/bin/chromium ] || needed+=(chromium)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || needed+=(fonts-noto-cjk)
fi
[ ${#needed[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${needed[@]}"
