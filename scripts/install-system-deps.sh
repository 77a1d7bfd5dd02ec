#!/usr/bin/env bash
# Installs the Debian packages the project needs, only when they are missing.
#   runtime: libgomp1 (OpenMP: the engine's thread-safe numba layer, scoring/engine/__init__.py);
#            pango and HarfBuzz's subsetter (WeasyPrint prints reports to PDF, scoring/report/pdf.py)
#            and the CJK fonts (Noto Sans CJK SC, embedded in every report, scoring/report/fonts.py)
#   test:    runtime, plus Chromium for the real-browser tests
set -euo pipefail
needed=()
for package in libgomp1 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk; do
  dpkg -s "$package" >/dev/null 2>&1 || needed+=("$package")
done
if [ "${1:-test}" = "test" ]; then
  [ -x /usr/bin/chromium ] || needed+=(chromium)
fi
[ ${#needed[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${needed[@]}"
