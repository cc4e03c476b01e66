#!/usr/bin/env bash
# OpenFDM benchmarks: builds what they need (mvn package of bench and the modules it uses; never
# mvn install), then runs every benchmark and prints the figures as tables on stdout.
#
#   bench/run.sh [--quick] [--only election,failover,loss,sim] [--markdown FILE] [--work-dir DIR] [--help]
#
# --quick takes about 3 minutes on 2 CPUs; the full run about 30. Agents use 127.0.2.x (Linux
# routes all of 127.0.0.0/8 to lo). Set BENCH_MVN_FLAGS=-o to build offline.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mvn -q -B ${BENCH_MVN_FLAGS:-} -pl bench -am package -DskipTests
jar=$(ls "$root"/bench/target/bench-*.jar | head -n 1)
exec java -Dlogback.configurationFile=bench-logback.xml -cp "$jar:$root/bench/target/lib/*" \
    io.openfdm.bench.BenchMain "$@"
