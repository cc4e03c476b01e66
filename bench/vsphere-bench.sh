#!/usr/bin/env bash
# vsphere-bench.sh - the vSphere numbers of issue 3 on vcsim, one command:
#
#   bench/vsphere-bench.sh [--vms 1000] [--priority-changes 30] [--failover-runs 5] [--only inventory|priority|failover]
#
# 1. inventory sync of --vms VMs: the bridge's login + first full read + cluster configuration (ms, SOAP calls);
# 2. a VM's restart priority changed through the bridge (vCenter dasVmConfig) until all 4 agents have it (median);
# 3. host failure until all of its VMs are powered on on other hosts, read back through the vSphere API (median).
# Prints a markdown report (machine, date, numbers) on stdout; progress and the build on stderr.
# Installs vcsim first if needed (deploy/vcsim/install-vcsim.sh). Uses 127.0.6.41-44 and 127.0.6.51-54.
set -euo pipefail

root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
case "${1:-}" in
  -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
esac

if [ -z "${FDM_VCSIM:-}" ]; then
  FDM_VCSIM="$(bash deploy/vcsim/install-vcsim.sh | tail -n 1)"
  export FDM_VCSIM
fi

echo "building fdm-cli and its test classes..." >&2
mvn -q -B -o -Dstyle.color=never -DskipTests -pl fdm-cli -am package >&2 \
  || mvn -q -B -Dstyle.color=never -DskipTests -pl fdm-cli -am package >&2

target="$root/fdm-cli/target"
exec java -Xmx512m -cp "$target/test-classes:$(ls "$target"/fdm-cli-*.jar | grep -v -- '-tests.jar' | head -1):$target/lib/*" \
  io.openfdm.cli.demo.vcsim.VsphereBench "$@"
