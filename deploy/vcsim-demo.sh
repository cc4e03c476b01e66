#!/usr/bin/env bash
# vcsim-demo.sh - OpenFDM end to end on vcsim (govmomi's vCenter simulator), one command:
#
#   deploy/vcsim-demo.sh [fdm demo options...]      e.g. --keep, --dir DIR, --timing aggressive
#
# 1. installs vcsim if needed (deploy/vcsim/install-vcsim.sh: Debian's golang-go and govmomi 0.24
#    packages, about 40 s the first time, needs root or sudo for apt-get),
# 2. runs `bin/fdm demo --vcsim`: vcsim with one cluster of 4 hosts, 2 datastores and 16 VMs, the
#    bridge with HA enabled through its JSON API, one agent per host on 127.0.0.11-14 with the
#    vSphere backend; then a host fails (kill -9 of its agent, its VMs powered off in vcsim) and the
#    master restarts its VMs on the other hosts, read back through the vSphere API.
# Exit status: 0 every protected VM runs exactly once; 1 otherwise or a part did not start; 2 bad options.
set -euo pipefail

here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Runs from a source tree (deploy/../bin/fdm builds the jars on first use).
if [ -x "$here/../bin/fdm" ]; then
  root="$(cd -P "$here/.." && pwd)"
else
  echo "vcsim-demo.sh: cannot find bin/fdm above $here" >&2
  exit 2
fi
case "${1:-}" in
  -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
esac

if [ -z "${FDM_VCSIM:-}" ]; then
  # Prints the binary's path as its last line; a no-op when it is already built.
  FDM_VCSIM="$(bash "$here/vcsim/install-vcsim.sh" | tail -n 1)"
  export FDM_VCSIM
fi
export FDM_HOME="$root"
exec "$root/bin/fdm" demo --vcsim "$@"
