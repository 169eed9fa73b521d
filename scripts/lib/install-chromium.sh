#!/bin/bash
# Installs Debian's headless browser for the console's browser tests when missing: chromium, its chromedriver and
# the DejaVu fonts the screenshots are drawn with. Idempotent. Nothing is downloaded by the tests themselves
# (Selenium is given these paths; no Selenium Manager, no browser download).
# Exit codes: 0 installed (or already there), 3 cannot install (the message on stderr says why).
set -u
PKGS="chromium chromium-driver fonts-dejavu-core"
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  exit 0
fi
cannot() { echo "install-chromium.sh: CANNOT install the browser of the console's tests: $*" >&2; exit 3; }
[ "$(id -u)" = 0 ] || cannot "not root (as root: apt-get install $PKGS)"
command -v apt-get >/dev/null 2>&1 || cannot "no apt-get (not Debian/Ubuntu: install Chromium and chromedriver, set LEDGER_CHROMIUM and LEDGER_CHROMEDRIVER)"
echo "install-chromium.sh: installing $PKGS"
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -1)" ]; then
  timeout 300 apt-get update -q >/tmp/gpu-ledger-chromium-apt-update.log 2>&1 \
    || { tail -5 /tmp/gpu-ledger-chromium-apt-update.log >&2; cannot "apt-get update failed"; }
fi
timeout 900 env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $PKGS \
    >/tmp/gpu-ledger-chromium-apt-install.log 2>&1 \
  || { tail -15 /tmp/gpu-ledger-chromium-apt-install.log >&2; cannot "apt-get install failed, see /tmp/gpu-ledger-chromium-apt-install.log"; }
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || cannot "chromium or chromedriver still missing after apt-get install"
echo "install-chromium.sh: installed $(/usr/bin/chromium --version 2>/dev/null)"
