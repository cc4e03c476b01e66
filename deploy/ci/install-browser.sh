#!/usr/bin/env bash
# install-browser.sh - install headless Chromium and its WebDriver from Debian's packages
# (chromium, chromium-driver) for the plugin page's browser test (vcenter-bridge, PluginPageBrowserTest).
#
# Usage: install-browser.sh [--check]
#   --check   install nothing; exit 0 if both binaries are present, 1 if not
# Idempotent: does nothing when /usr/bin/chromium and /usr/bin/chromedriver are already there.
# Prints the two binaries' versions as the last lines on stdout (everything else goes to stderr).
# Needs root or sudo when something is missing. No browser is downloaded from anywhere but Debian's
# package archive (Selenium is told to use the system chromedriver, see the test).
set -euo pipefail

log() { echo "[install-browser] $*" >&2; }
# shellcheck source=apt-install.sh
. "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"

CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver
PKGS=(chromium chromium-driver)

present() { [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ]; }

case "${1:-}" in
  --check) present && exit 0; log "missing $CHROMIUM or $CHROMEDRIVER"; exit 1 ;;
  -h|--help) sed -n '2,10p' "$0" >&2; exit 0 ;;
  "") ;;
  *) log "unknown argument: $1 (try --help)"; exit 2 ;;
esac

if present; then
  log "chromium and chromedriver already present"
else
  apt_install "${PKGS[@]}"
  present || { log "still missing $CHROMIUM or $CHROMEDRIVER after apt-get install"; exit 1; }
fi

"$CHROMIUM" --version
"$CHROMEDRIVER" --version
