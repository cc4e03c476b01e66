#!/usr/bin/env bash
# install-netns-tools.sh - install what deploy/netns/partition-test.sh needs from Debian's
# packages: iproute2 (ip netns, veth, bridge), nftables (nft), jq and curl.
#
# Usage: install-netns-tools.sh [--check]
#   --check   install nothing; exit 0 if every tool is present, 1 if not
# Idempotent: does nothing when ip, nft, jq and curl are already there. When not root it installs
# nothing and exits 0: network namespaces need root, so partition-test.sh skips there anyway
# (printing "SKIPPED: not root ..."). Prints the tools' versions as the last lines on stdout
# (everything else goes to stderr).
set -euo pipefail

log() { echo "[install-netns-tools] $*" >&2; }
# shellcheck source=../ci/apt-install.sh
. "$(dirname "${BASH_SOURCE[0]}")/../ci/apt-install.sh"

PKGS=(iproute2 nftables jq curl)

present() {
  command -v ip >/dev/null 2>&1 && command -v nft >/dev/null 2>&1 && command -v jq >/dev/null 2>&1 \
    && command -v curl >/dev/null 2>&1
}

case "${1:-}" in
  --check) present && exit 0; log "missing one of ip, nft, jq, curl"; exit 1 ;;
  -h|--help) sed -n '2,11p' "$0" >&2; exit 0 ;;
  "") ;;
  *) log "unknown argument: $1 (try --help)"; exit 2 ;;
esac

if present; then
  log "ip, nft, jq and curl already present"
elif [ "$(id -u)" != 0 ]; then
  log "not root: installing nothing (the network-namespace test needs root and will skip)"
  exit 0
else
  apt_install "${PKGS[@]}"
  present || { log "still missing one of ip, nft, jq, curl after apt-get install"; exit 1; }
fi

ip -V
nft --version
jq --version
curl --version | head -1
