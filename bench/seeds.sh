#!/usr/bin/env bash
# The random tier at scale: 100,000 seeds (or the count given) of the simulator's seeded random
# tier on every CPU, timed. Prints the failing seeds with their replay commands and ends with
# "<N> passed, <M> failed" (exit status 1 if any failed); record the time and the machine in
# docs/benchmarks.md ("Random tier").
#
#   bench/seeds.sh [COUNT] [FROM]        defaults: 100000 seeds from seed 1
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-100000}
from=${2:-1}
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'), java $(java -version 2>&1 | head -n 1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
start=$(date +%s)
set +e
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "cpu: %U s user, %S s system, %e s wall, max RSS %M KB" \
      "$root/bin/fdm-sim-seeds" --from "$from" --count "$count"
else
  time "$root/bin/fdm-sim-seeds" --from "$from" --count "$count"
fi
status=$?
set -e
echo "wall clock with build: $(( $(date +%s) - start )) s"
exit $status
