#!/bin/sh
# The HTML validity tests run the Nu HTML checker (node_modules/vnu-jar, from npm) on Java 11 or
# later. Installs Debian's headless Java when missing and we are root; otherwise says how.
set -eu
if command -v java >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing a Java runtime from Debian (apt-get) for the Nu HTML checker..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null
  exit 0
fi
cat >&2 <<MSG
The HTML validity tests need Java (11 or later) for the Nu HTML checker.
On Debian or Ubuntu:   sudo apt-get install default-jre-headless
MSG
exit 1
