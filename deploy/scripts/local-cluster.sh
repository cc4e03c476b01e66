#!/usr/bin/env bash
# A local cluster of agent processes on this machine, through bin/fdm.
#
#   local-cluster.sh up [DIR] [fdm cluster up options...]   create and start (default DIR: ./fdm-local)
#   local-cluster.sh kill MOID...                           kill -9 hosts' agents (simulated crash)
#   local-cluster.sh start MOID...                          start them again
#   local-cluster.sh status                                 which agents are alive
#   local-cluster.sh down                                   stop every agent (files kept)
#
# kill/start/status/down act on the current cluster (~/.fdm/current) unless FDM_CLUSTER_DIR is set.
set -euo pipefail

here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Source tree: deploy/scripts/../../bin/fdm; distribution: scripts/../bin/fdm.
if [ -x "$here/../../bin/fdm" ]; then
  fdm="$here/../../bin/fdm"
elif [ -x "$here/../bin/fdm" ]; then
  fdm="$here/../bin/fdm"
else
  echo "local-cluster.sh: cannot find bin/fdm next to $here" >&2
  exit 2
fi

usage() {
  sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[ $# -ge 1 ] || usage
cmd="$1"
shift
case "$cmd" in
  up)
    dir="./fdm-local"
    if [ $# -ge 1 ] && [ "${1#-}" = "$1" ]; then
      dir="$1"
      shift
    fi
    exec "$fdm" cluster up --dir "$dir" "$@"
    ;;
  kill)
    [ $# -ge 1 ] || usage
    exec "$fdm" cluster kill-host "$@"
    ;;
  start)
    [ $# -ge 1 ] || usage
    exec "$fdm" cluster start-host "$@"
    ;;
  status)
    exec "$fdm" cluster status "$@"
    ;;
  down)
    exec "$fdm" cluster down "$@"
    ;;
  *)
    usage
    ;;
esac
