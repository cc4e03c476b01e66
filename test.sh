#!/usr/bin/env bash
# Runs every test: unit, simulator scenarios, real agent processes over UDP on loopback, the
# vSphere backend and the bridge against vcsim, and the plugin page in headless Chromium.
#
# First it installs what those tests need, when missing (idempotent, a no-op once installed; needs
# apt, so root or sudo, the first time): vcsim built from Debian's govmomi package
# (deploy/vcsim/install-vcsim.sh) and Debian's chromium + chromium-driver
# (deploy/ci/install-browser.sh), and as root iproute2, nftables, jq and curl for the
# network-namespace test (deploy/netns/install-netns-tools.sh). FDM_SKIP_INSTALL=1 skips that step.
# Extra arguments go to Maven, e.g. ./test.sh -pl fdm-sim -am.
set -euo pipefail
cd "$(dirname "$0")"
if [ "${FDM_SKIP_INSTALL:-0}" != 1 ]; then
  bash deploy/vcsim/install-vcsim.sh >/dev/null
  bash deploy/ci/install-browser.sh >/dev/null
  bash deploy/netns/install-netns-tools.sh >/dev/null
fi
exec mvn -B verify "$@"
