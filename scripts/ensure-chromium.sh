#!/bin/sh
# Browser tests drive Debian's Chromium (Playwright's own browser downloads are not used).
# Installs it when missing and we are root on a Debian-like system; otherwise says how.
set -eu
CHROMIUM="${DUIZHAO_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium and CJK fonts from Debian (apt-get)..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
  exit 0
fi
cat >&2 <<MSG
The browser tests need Chromium at $CHROMIUM.
On Debian or Ubuntu:   sudo apt-get install chromium fonts-noto-cjk
Elsewhere: install Chromium or Chrome and run   DUIZHAO_CHROMIUM=/path/to/chromium make test
MSG
exit 1
