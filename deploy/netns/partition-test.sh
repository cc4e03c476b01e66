#!/usr/bin/env bash
# partition-test.sh - real agent processes in Linux network namespaces, real packet loss.
#
# Builds a 5-host cluster: one network namespace per host (10.82.0.1-5/24 on its eth0), joined
# by veth pairs to a Linux bridge in a sixth namespace (the "switch", which also holds the
# gateway 10.82.0.254, every host's default route and so its default isolation address).
# The 5 agents (bin/fdm agent, simulated hypervisor) share 2 datastores as directories on this
# machine, so their datastore heartbeats keep flowing while the network is cut. Faults are
# nftables drop rules inside the host namespaces (silent loss: nothing is rejected). Steps:
#   (0) random loss of 20% of every host's packets, then none;
#   (a) partition 2|3 (the master and one slave against the other three), then heal;
#   (b) isolate one slave (all its traffic dropped, the gateway's too), then heal;
#   (c) kill -9 the master (and take its NIC down: the process is the whole host); (d) start the
#   killed host's agent again.
# After each step it waits for the cluster to settle (polling every agent's GET /status, what
# fdm status --json prints, with curl inside its namespace) and checks, from the agents' own
# answers (fdm vms --json run inside each host's namespace against its loopback admin endpoint)
# and from each live host's hypervisor power-state file, that no VM runs on two hosts and that
# every protected VM runs exactly once. While it waits it samples the power-state files every
# poll for a VM running twice. Prints a timeline and PASS or FAIL.
# Details: docs/failure-semantics/netns.md.
#
# Usage: partition-test.sh [options]
#   --dir DIR                  work directory (default: a new /tmp/fdm-netns.XXXXXX, removed on PASS)
#   --fdm PATH                 the fdm launcher (default: bin/fdm of this source tree or distribution)
#   --isolation-response R     the cluster's ha.isolationResponse: none (default), powerOff, shutdown
#   --isolation-expect E       what step (b) requires of the isolated host's VMs:
#                              left-on     still running there, nothing restarted (default with none)
#                              powered-off off there, each running exactly once elsewhere
#                              any         only the invariants (default with powerOff and shutdown)
#   --isolation-hold S         seconds to keep the host isolated (default 8)
#   --partition-hold S         seconds to keep the partition (default 8)
#   --settle-timeout S         longest wait for the cluster to settle after a step (default 90)
#   --loss PCT                 step (0): drop PCT% of every host's packets at random for 8 s (default 20;
#                              0 skips the step)
#   --steps LIST               the steps to run, in their order, from 0abcd (default 0abcd; d needs c):
#                              e.g. --steps b for the isolation alone
#   --keep                     keep the work directory after a PASS too
# Exit status: 0 PASS, 1 FAIL, 2 bad usage or the cluster could not be built,
#              77 SKIPPED (printed as "SKIPPED: <reason>"): not Linux, not root, ip/nft/jq/curl
#              missing (deploy/netns/install-netns-tools.sh installs them), or this machine does
#              not allow network namespaces or nftables in them.
# Cleanup: a trap always kills every process left in this run's namespaces and deletes them.
set -Eeuo pipefail
export LC_ALL=C

readonly SKIPPED=77
readonly HOSTS=5 DATASTORES=2 VMS=15
readonly SUBNET=10.82.0 GATEWAY=10.82.0.254 ADMIN=127.0.0.1:8190
readonly CLI_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx128m"
readonly AGENT_OPTS="-Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"

usage() {
  sed -n '22,42p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

work=""; fdm=""; iso_response=none; iso_expect=""; iso_hold_s=8; part_hold_s=8; settle_s=90; keep=0; loss_pct=20
steps=0abcd
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) work="${2:?--dir needs a directory}"; shift 2 ;;
    --fdm) fdm="${2:?--fdm needs a path}"; shift 2 ;;
    --isolation-response) iso_response="${2:?}"; shift 2 ;;
    --isolation-expect) iso_expect="${2:?}"; shift 2 ;;
    --isolation-hold) iso_hold_s="${2:?}"; shift 2 ;;
    --partition-hold) part_hold_s="${2:?}"; shift 2 ;;
    --settle-timeout) settle_s="${2:?}"; shift 2 ;;
    --loss) loss_pct="${2:?}"; shift 2 ;;
    --steps) steps="${2:?}"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) usage ;;
    *) echo "partition-test.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
case "$iso_response" in
  none) : "${iso_expect:=left-on}" ;;
  powerOff|shutdown) : "${iso_expect:=any}" ;;
  *) echo "partition-test.sh: --isolation-response must be none, powerOff or shutdown, was $iso_response" >&2; exit 2 ;;
esac
case "$iso_expect" in
  left-on|powered-off|any) ;;
  *) echo "partition-test.sh: --isolation-expect must be left-on, powered-off or any, was $iso_expect" >&2; exit 2 ;;
esac
[[ "$steps" =~ ^0?a?b?(cd?)?$ && -n "$steps" ]] || { echo "partition-test.sh: --steps must list steps of 0abcd in that order (d only after c), was $steps" >&2; exit 2; }
has_step() { [[ "$steps" == *"$1"* ]]; }
[[ "$loss_pct" =~ ^([0-9]|[1-4][0-9]|50)$ ]] || { echo "partition-test.sh: --loss must be 0-50 (percent), was $loss_pct" >&2; exit 2; }
for v in "$iso_hold_s" "$part_hold_s" "$settle_s"; do
  [[ "$v" =~ ^[1-9][0-9]{0,3}$ ]] || { echo "partition-test.sh: hold and timeout seconds must be 1-9999, was $v" >&2; exit 2; }
done

here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ -z "$fdm" ]; then
  for f in "$here/../../bin/fdm" "$here/../bin/fdm"; do
    if [ -x "$f" ]; then fdm="$(cd -P "$(dirname "$f")" && pwd)/fdm"; break; fi
  done
  [ -n "$fdm" ] || { echo "partition-test.sh: cannot find bin/fdm next to $here; use --fdm" >&2; exit 2; }
fi

# ------------------------------------------------------------------ timeline and verdict

t0="${EPOCHREALTIME/./}"
failures=0
say() {
  local now="${EPOCHREALTIME/./}"
  local ms=$(((now - t0) / 1000))
  local line
  line="$(printf '[%4d.%d s] %s' $((ms / 1000)) $((ms % 1000 / 100)) "$*")"
  echo "$line"
  if [ -n "$work" ] && [ -d "$work" ]; then
    echo "$line" >>"$work/timeline.txt"
  fi
}
fail() { failures=$((failures + 1)); say "FAIL: $*"; }
skip() { echo "SKIPPED: $*"; exit "$SKIPPED"; }
die() { say "ERROR: $*"; exit 2; }

# ------------------------------------------------------------------ preflight (skip reasons)

[ "$(uname -s)" = Linux ] || skip "network namespaces need Linux, this is $(uname -s)"
[ "$(id -u)" = 0 ] || skip "not root (ip netns and nftables need root; run as root, e.g. in CI)"
command -v ip >/dev/null 2>&1 || skip "ip (iproute2) is not installed; deploy/netns/install-netns-tools.sh installs it"
command -v nft >/dev/null 2>&1 || skip "nft (nftables) is not installed; deploy/netns/install-netns-tools.sh installs it"
command -v jq >/dev/null 2>&1 || skip "jq is not installed; deploy/netns/install-netns-tools.sh installs it"
command -v curl >/dev/null 2>&1 || skip "curl is not installed; deploy/netns/install-netns-tools.sh installs it"

run="fdmnt$$"
ns_switch="$run-sw"
ns_setup="$run-setup"
ns() { echo "$run-h$1"; }
our_namespaces() { ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^$run-" || true; }

# Kills what is left in a namespace (only processes this run started live there) and deletes it.
drop_namespace() {
  local n="$1" pids i
  for i in 1 2 3; do
    pids="$(ip netns pids "$n" 2>/dev/null || true)"
    if [ -z "$pids" ]; then break; fi
    # shellcheck disable=SC2086
    kill -9 $pids 2>/dev/null || true
    sleep 0.3
  done
  ip netns del "$n" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  disown -a 2>/dev/null || true
  local n
  for n in $(our_namespaces); do
    drop_namespace "$n"
  done
  if [ -n "${work:-}" ] && [ -d "$work" ]; then
    if [ "$rc" = 0 ] && [ "$keep" = 0 ] && [ "${work_is_temp:-0}" = 1 ]; then
      rm -rf "$work"
    elif [ "$rc" != "$SKIPPED" ]; then
      echo "files and agent logs kept in $work"
    fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "partition-test.sh: line $LINENO: \"$BASH_COMMAND\" failed (status $?)" >&2' ERR
trap 'exit 130' INT
trap 'exit 143' TERM

# Namespaces of earlier runs of this script whose process is gone (a kill -9 of the script).
for n in $(ip netns list 2>/dev/null | awk '{print $1}' | grep -E '^fdmnt[0-9]+-' || true); do
  owner="${n#fdmnt}"; owner="${owner%%-*}"
  if ! kill -0 "$owner" 2>/dev/null; then
    drop_namespace "$n"
  fi
done

probe_err="$(ip netns add "$run-probe" 2>&1)" || skip "this machine does not allow network namespaces (ip netns add: $probe_err)"
if ! probe_err="$(ip netns exec "$run-probe" nft add table inet fdmnt 2>&1)"; then
  ip netns del "$run-probe" 2>/dev/null || true
  skip "nftables does not work inside a network namespace here (nft: $probe_err)"
fi
ip netns del "$run-probe"

if [ -z "$work" ]; then
  work="$(mktemp -d /tmp/fdm-netns.XXXXXX)"
  work_is_temp=1
else
  mkdir -p "$work"
  work="$(cd -P "$work" && pwd)"
  [ -z "$(ls -A "$work")" ] || die "--dir $work is not empty"
fi
cluster="$work/cluster"
samples="$work/samples"
mkdir -p "$samples"
say "preflight: root, $(ip -V | sed 's/, libbpf.*//'), $(nft --version | cut -d' ' -f1-2), network namespaces work; run $run, files in $work"

# ------------------------------------------------------------------ the network

build_network() {
  ip netns add "$ns_switch"
  ip -n "$ns_switch" link set lo up
  ip -n "$ns_switch" link add br0 type bridge
  ip -n "$ns_switch" addr add "$GATEWAY/24" dev br0
  ip -n "$ns_switch" link set br0 up
  local i h
  for i in $(seq 1 $HOSTS); do
    h="$(ns "$i")"
    ip netns add "$h"
    ip -n "$h" link set lo up
    ip -n "$ns_switch" link add "port$i" type veth peer name eth0 netns "$h"
    ip -n "$ns_switch" link set "port$i" master br0 up
    ip -n "$h" addr add "$SUBNET.$i/24" dev eth0
    ip -n "$h" link set eth0 up
    ip -n "$h" route add default via "$GATEWAY"
    # Empty filter chains; the faults are rules added to them and flushed again.
    ip netns exec "$h" nft -f - <<EOF
table inet fdmnt {
  chain in { type filter hook input priority 0; policy accept; }
  chain out { type filter hook output priority 0; policy accept; }
}
EOF
  done
}

# Does a TCP SYN from host $1 to address $2 get any answer (a refusal counts)? 0 yes, 1 silent.
answers() {
  local rc=0
  ip netns exec "$(ns "$1")" timeout 1 bash -c "exec 3<>/dev/tcp/$2/9" 2>/dev/null || rc=$?
  [ "$rc" != 124 ]
}

faults_clear() {
  local i
  for i in $(seq 1 $HOSTS); do
    ip netns exec "$(ns "$i")" nft flush chain inet fdmnt in
    ip netns exec "$(ns "$i")" nft flush chain inet fdmnt out
  done
}

# Silent drops between two groups of hosts (host numbers, space separated).
partition() {
  local a="$1" b="$2" i
  local a_set b_set
  a_set="$(for i in $a; do printf '%s.%s, ' "$SUBNET" "$i"; done)"; a_set="{ ${a_set%, } }"
  b_set="$(for i in $b; do printf '%s.%s, ' "$SUBNET" "$i"; done)"; b_set="{ ${b_set%, } }"
  for i in $a; do
    ip netns exec "$(ns "$i")" nft add rule inet fdmnt in iifname eth0 ip saddr "$b_set" drop
    ip netns exec "$(ns "$i")" nft add rule inet fdmnt out oifname eth0 ip daddr "$b_set" drop
  done
  for i in $b; do
    ip netns exec "$(ns "$i")" nft add rule inet fdmnt in iifname eth0 ip saddr "$a_set" drop
    ip netns exec "$(ns "$i")" nft add rule inet fdmnt out oifname eth0 ip daddr "$a_set" drop
  done
}

# PCT% of every packet in and out of every host's eth0 dropped at random.
lossy() {
  local i
  for i in $(seq 1 $HOSTS); do
    ip netns exec "$(ns "$i")" nft add rule inet fdmnt in iifname eth0 numgen random mod 100 "<" "$1" drop
    ip netns exec "$(ns "$i")" nft add rule inet fdmnt out oifname eth0 numgen random mod 100 "<" "$1" drop
  done
}

# Every packet in or out of the host's eth0 dropped, the gateway's too (its loopback still works).
isolate() {
  ip netns exec "$(ns "$1")" nft add rule inet fdmnt in iifname eth0 drop
  ip netns exec "$(ns "$1")" nft add rule inet fdmnt out oifname eth0 drop
}

# ------------------------------------------------------------------ the cluster

hostdir() { echo "$cluster/hosts/host-$1"; }

# The layout is written by fdm cluster up itself (cluster.json, agent.json, datastores, VM
# configurations), in a throwaway namespace on loopback; it starts agents there too, which are
# stopped again at once (on a loaded machine they may not even finish starting: only the files
# matter). Then the hosts are readdressed to 10.82.0.x with admin endpoints on each namespace's
# own loopback, and every host's power-state file is written afresh (docs/file-formats.md: the
# OPENFDM1 envelope, clean=true) with the VMs registered on it, so each hypervisor boots with
# its VMs running whatever happened in the setup namespace.
build_layout() {
  ip netns add "$ns_setup"
  ip -n "$ns_setup" link set lo up
  if ! JAVA_OPTS="$CLI_OPTS -Dfdm.home=$work/fdm-home" ip netns exec "$ns_setup" "$fdm" cluster up \
      --hosts $HOSTS --datastores $DATASTORES --vms $VMS --dir "$cluster" --base-address 127.0.0.11 \
      >"$work/setup.log" 2>&1; then
    [ -f "$cluster/cluster.json" ] || { cat "$work/setup.log" >&2; die "fdm cluster up wrote no layout (log above)"; }
    say "setup: fdm cluster up did not see its agents come up (a loaded machine?); its layout is written, continuing"
  fi
  JAVA_OPTS="$CLI_OPTS -Dfdm.home=$work/fdm-home" ip netns exec "$ns_setup" "$fdm" cluster down --dir "$cluster" \
      >>"$work/setup.log" 2>&1 || true
  drop_namespace "$ns_setup"
  local tmp="$cluster/cluster.json.new" i f body vms
  jq --arg subnet "$SUBNET" --arg iso "$iso_response" \
     '.version += 1 | .hosts |= [to_entries[] | .value.address = "\($subnet).\(.key + 1)" | .value]
      | .ha = ((.ha // {}) + {isolationResponse: $iso})' "$cluster/cluster.json" >"$tmp"
  mv "$tmp" "$cluster/cluster.json"
  for i in $(seq 1 $HOSTS); do
    f="$(hostdir "$i")"
    [ -f "$f/agent.json" ] || die "fdm cluster up wrote no $f/agent.json"
    jq --arg a "${ADMIN%:*}" '.admin.address = $a' "$f/agent.json" >"$f/agent.json.new"
    mv "$f/agent.json.new" "$f/agent.json"
    rm -f "$f/stopped" "$f/pid" "$f/killed"
    vms="$(cat "$cluster"/datastores/*/*/*.json | jq -c --arg h "host-$i" -s '[.[] | select(.registeredHost == $h) | .moid]')"
    body="$(jq -cn --arg h "host-$i" --argjson on "$vms" '{host: $h, clean: true, poweredOn: $on}')"
    printf 'OPENFDM1 powerstate %d %s\n%s' "${#body}" "$(printf '%s' "$body" | sha256sum | cut -d' ' -f1)" "$body" \
        >"$f/state/powerstate.new"
    mv "$f/state/powerstate.new" "$f/state/powerstate"
  done
  [ "$(placement_all | wc -l)" = "$VMS" ] || die "the layout does not place $VMS VMs: $(placement_all | paste -sd ' ')"
}

# "vm host" lines from every host's power-state file, alive or not (for the layout check).
placement_all() {
  local i
  for i in $(seq 1 $HOSTS); do
    tail -n +2 "$(hostdir "$i")/state/powerstate" | jq -r '.poweredOn[]' | sed "s/\$/ host-$i/"
  done
}

declare -A pid=() alive=() role=() master_of=()
bg_pids=()
checks=0

# The marker file "started" is touched just before the agent starts: the host's power-state file
# describes the running hypervisor only once it is newer than that (the hypervisor rewrites it at
# boot; until then it is what the previous run, maybe killed, left behind).
start_agent() {
  local i="$1"
  touch "$(hostdir "$i")/started"
  sleep 0.01
  JAVA_OPTS="$AGENT_OPTS" ip netns exec "$(ns "$i")" "$fdm" agent --config "$(hostdir "$i")/agent.json" \
      >>"$(hostdir "$i")/agent.log" 2>&1 </dev/null &
  pid[$i]=$!
  alive[$i]=1
  echo "${pid[$i]}" >"$(hostdir "$i")/pid"
}

live_hosts() {
  local i out=""
  for i in $(seq 1 $HOSTS); do
    if [ "${alive[$i]:-0}" = 1 ]; then out="$out $i"; fi
  done
  echo "${out# }"
}

# Runs an fdm inspect command against host $1's agent, inside its namespace; JSON to stdout.
fdm_at() {
  local i="$1"; shift
  JAVA_OPTS="$CLI_OPTS" ip netns exec "$(ns "$i")" timeout 90 "$fdm" "$@" --json --agent "$ADMIN" \
      --token-file "$(hostdir "$i")/state/admin.token"
}

# The VMs host $1's hypervisor runs, from its power-state file (one MOID a line).
powered_on() {
  local f
  f="$(hostdir "$1")/state/powerstate"
  [ -f "$f" ] || return 0
  tail -n +2 "$f" | jq -r '.poweredOn[]'
}

# "vm host" lines for every live host whose hypervisor has booted, from its power-state file.
placement() {
  local i
  for i in $(live_hosts); do
    [ "$(hostdir "$i")/state/powerstate" -nt "$(hostdir "$i")/started" ] || continue
    powered_on "$i" | sed "s/\$/ host-$i/"
  done | sort -V
}

# A VM powered on on two live hosts at once is a failure the moment it is seen.
sample_duplicates() {
  local dups
  dups="$(placement | awk '{n[$1]++; h[$1] = h[$1] " " $2} END {for (v in n) if (n[v] > 1) print v " on" h[v]}')"
  [ -z "$dups" ] || fail "a VM runs twice ($1): $(echo "$dups" | paste -sd ';')"
}

# Every live agent's GET /status (the record fdm status --json prints), in parallel, with curl
# inside its namespace (a JVM per poll would be too slow on a 2-core CI machine); fills role[] and
# master_of[]. The bearer token goes in a header file, never on a command line.
poll_status() {
  local i tok hdr
  for i in $(live_hosts); do
    tok="$(hostdir "$i")/state/admin.token"
    hdr="$work/auth-$i.header"
    ( umask 077; [ -s "$tok" ] && printf 'Authorization: Bearer %s\n' "$(cat "$tok")" >"$hdr" ) || true
    ip netns exec "$(ns "$i")" curl -sS --max-time 5 -H "@$hdr" "http://$ADMIN/status" \
        >"$samples/status-$i.json" 2>"$samples/status-$i.err" &
    bg_pids+=($!)
  done
  wait_jobs
  for i in $(seq 1 $HOSTS); do
    role[$i]=""; master_of[$i]=""
    [ "${alive[$i]:-0}" = 1 ] || continue
    if jq -e '.role' "$samples/status-$i.json" >/dev/null 2>&1; then
      role[$i]="$(jq -r '.role' "$samples/status-$i.json")"
      master_of[$i]="$(jq -r '.master' "$samples/status-$i.json")"
    fi
  done
}

# Waits for the CLI calls started in the background (bg_pids), never for the agents.
wait_jobs() {
  local j
  for j in "${bg_pids[@]}"; do
    wait "$j" 2>/dev/null || true
  done
  bg_pids=()
}

# The master every host of the group names, if they all agree on one of the group that says it
# is master; empty otherwise.
group_master() {
  local m="" i
  for i in $1; do
    [ -n "${master_of[$i]}" ] || { echo ""; return; }
    [ -z "$m" ] || [ "$m" = "${master_of[$i]}" ] || { echo ""; return; }
    m="${master_of[$i]}"
  done
  local k="${m#host-}"
  case " $1 " in *" $k "*) ;; *) echo ""; return ;; esac
  [ "${role[$k]}" = master ] || { echo ""; return; }
  echo "$m"
}

describe_roles() {
  local i out=""
  for i in $(live_hosts); do
    out="$out host-$i:${role[$i]:-?}->${master_of[$i]:-none}"
  done
  echo "${out# }"
}

# Waits until each group (arguments: "1 2" "3 4 5") agrees on a master of its own; sets masters[].
masters=()
await_masters() {
  local deadline=$((${EPOCHREALTIME%.*} + settle_s)) g m ok
  while true; do
    poll_status
    sample_duplicates "while waiting for masters"
    ok=1; masters=()
    for g in "$@"; do
      m="$(group_master "$g")"
      [ -n "$m" ] || { ok=0; break; }
      masters+=("$m")
    done
    if [ "$ok" = 1 ]; then return 0; fi
    if [ "${EPOCHREALTIME%.*}" -ge "$deadline" ]; then
      fail "no agreed master per group {$(printf '%s|' "$@" | sed 's/|$//')} within $settle_s s: $(describe_roles)"
      return 1
    fi
    sleep 0.5
  done
}

# Waits until the live hosts agree on one master that protects every baseline VM, has no restart
# outstanding, and every baseline VM runs exactly once on the live hosts.
await_recovered() {
  local deadline=$((${EPOCHREALTIME%.*} + settle_s)) m k why
  while true; do
    poll_status
    sample_duplicates "while waiting for recovery"
    m="$(group_master "$(live_hosts)")"
    if [ -z "$m" ]; then
      why="no agreed master: $(describe_roles)"
    else
      k="${m#host-}"
      why="$(jq -r --argjson want "$baseline_vms" '
          [.vms[] | select(.protectedByHa)] as $p
          | ($want - [$p[].vm]) as $missing
          | [$p[] | select(.restartState != "none" or .power != "poweredOn") | "\(.vm) \(.power) \(.restartState)"] as $busy
          | if ($missing | length) > 0 then "master \(.host) does not protect \($missing | join(" "))"
            elif ($busy | length) > 0 then "master \(.host): \($busy | join(", "))"
            else "" end' "$samples/status-$k.json")"
      if [ -z "$why" ]; then
        why="$(placement | awk -v want="$baseline_list" '
            BEGIN {n = split(want, w, " "); for (j = 1; j <= n; j++) c[w[j]] = 0}
            {c[$1]++}
            END {for (v in c) if (c[v] != 1) printf "%s runs %d times; ", v, c[v]}')"
      fi
      if [ -z "$why" ]; then
        recovered_master="$m"
        return 0
      fi
    fi
    if [ "${EPOCHREALTIME%.*}" -ge "$deadline" ]; then
      fail "not recovered within $settle_s s: $why"
      return 1
    fi
    sleep 0.5
  done
}

# Keeps sampling the power-state files for S seconds.
hold() {
  local until=$((${EPOCHREALTIME%.*} + $1))
  while [ "${EPOCHREALTIME%.*}" -lt "$until" ]; do
    sample_duplicates "$2"
    sleep 0.5
  done
}

# The agents' journals (GET /events, what fdm events --json prints) over the whole run: a master
# journals "<vm> reported powered on by both <host> and <host>" whenever two hosts' reports show
# one VM running, however briefly; the power-state sampling can miss a window shorter than a poll.
# Called last, when every host's agent runs again (journals live in each agent's H2 store).
journal_check() {
  local i hdr found=""
  for i in $(live_hosts); do
    hdr="$work/auth-$i.header"
    ip netns exec "$(ns "$i")" curl -sS --max-time 10 -H "@$hdr" "http://$ADMIN/events?limit=10000" \
        >"$samples/events-$i.json" 2>"$samples/events-$i.err" || true
    if ! jq -e 'type == "array"' "$samples/events-$i.json" >/dev/null 2>&1; then
      fail "journal: host-$i's /events gave no answer: $(head -c 300 "$samples/events-$i.err")"
      continue
    fi
    found="$found$(jq -r --argjson since "$agents_started_ms" '.[] | select(.wallMs >= $since)
        | select(.message | test("reported powered on by both"))
        | "\(.wallMs / 1000 | strftime("%H:%M:%S")) \(.host)/\(.role): \(.message)"' "$samples/events-$i.json")"$'\n'
  done
  found="$(printf '%s' "$found" | grep -v '^$' | sort -u || true)"
  if [ -n "$found" ]; then
    fail "journal: a master saw a VM powered on on two hosts at once ($(echo "$found" | wc -l) events; first: $(echo "$found" | head -3 | paste -sd ';'))"
  else
    say "journal: no agent's journal records a VM reported powered on by two hosts ($(live_hosts | wc -w) journals read)"
  fi
}

answered_ok() { [ -s "$1" ] && jq -e 'type == "array"' "$1" >/dev/null 2>&1; }

# The check after a step, from the agents' answers (fdm vms --json on every live agent, /status)
# and the hypervisors' power-state files:
#   - no VM runs on two hosts (a slave's own inventory, or any host's power-state file);
#   - every baseline protected VM runs exactly once on the live hosts;
#   - with $2 = single: exactly one master, and it protects every baseline VM;
#   - with $3 = unchanged: every VM runs where it ran at the start (nothing of a partitioned or
#     isolated host was restarted, its VMs left powered on).
check() {
  local label="$1" masters_rule="$2" placement_rule="$3" i
  checks=$((checks + 1))
  local at="$samples/check-$checks"
  poll_status
  local todo="" attempt
  for i in $(live_hosts); do
    cp "$samples/status-$i.json" "$at-status-$i.json"
    todo="$todo $i"
  done
  # fdm vms --json on every live agent, in parallel; a call that gave no answer (a JVM slower than
  # its timeout on a loaded machine) is tried once more.
  for attempt in 1 2; do
    for i in $todo; do
      fdm_at "$i" vms >"$at-vms-$i.json" 2>"$at-vms-$i.err" &
      bg_pids+=($!)
    done
    wait_jobs
    local again=""
    for i in $todo; do
      answered_ok "$at-vms-$i.json" || again="$again $i"
    done
    todo="$again"
    if [ -z "$todo" ]; then break; fi
  done
  local reported="" answered=0 master_list=""
  for i in $(live_hosts); do
    if ! answered_ok "$at-vms-$i.json"; then
      fail "$label: fdm vms --json on host-$i gave no answer: $(head -c 300 "$at-vms-$i.err")"
      continue
    fi
    answered=$((answered + 1))
    if [ "${role[$i]}" = master ]; then
      # The master's answer is its protectedlists; its view of the hosts (what fdm hosts --json
      # prints) is in the /status answer.
      local n states
      n="$(jq '[.[] | select(.protectedByHa)] | length' "$at-vms-$i.json" || echo '?')"
      states="$(jq -r '[.hosts[] | select(.host != "host-'"$i"'") | "\(.host)=\(.state)"] | join(" ")' \
          "$at-status-$i.json" 2>/dev/null || echo "?")"
      master_list="$master_list host-$i ($n protected; sees $states)"
    else
      # A slave's answer is its own hypervisor's inventory.
      reported="$reported$(jq -r '.[] | select(.power == "poweredOn") | "\(.vm) host-'"$i"'"' "$at-vms-$i.json")"$'\n'
    fi
  done
  local union dups lost counts
  union="$( (placement; printf '%s' "$reported") | grep -v '^$' | sort -u)"
  dups="$(echo "$union" | awk 'NF {n[$1]++; h[$1] = h[$1] " " $2} END {for (v in n) if (n[v] > 1) print v " on" h[v]}')"
  [ -z "$dups" ] || fail "$label: a VM runs on two hosts: $(echo "$dups" | paste -sd ';')"
  lost="$(echo "$union" | awk -v want="$baseline_list" '
      BEGIN {n = split(want, w, " "); for (j = 1; j <= n; j++) c[w[j]] = 0}
      NF {if ($1 in c) c[$1]++}
      END {for (v in c) if (c[v] == 0) print v}' | sort -V | paste -sd ' ')"
  [ -z "$lost" ] || fail "$label: protected VMs running nowhere: $lost"
  if [ "$masters_rule" = single ]; then
    local n_masters=0
    for i in $(live_hosts); do
      if [ "${role[$i]}" = master ]; then n_masters=$((n_masters + 1)); fi
    done
    [ "$n_masters" = 1 ] || fail "$label: $n_masters masters ($(describe_roles)), expected one"
    for i in $(live_hosts); do
      if [ "${role[$i]}" = master ]; then
        local missing
        missing="$(jq -r --argjson want "$baseline_vms" '$want - [.[] | select(.protectedByHa) | .vm] | join(" ")' \
            "$at-vms-$i.json" 2>/dev/null || echo "(no answer)")"
        [ -z "$missing" ] || fail "$label: master host-$i does not protect: $missing"
      fi
    done
  fi
  if [ "$placement_rule" = unchanged ]; then
    local now moved
    now="$(placement)"
    moved="$(diff <(echo "$baseline_placement") <(echo "$now") | grep '^[<>]' | paste -sd ' ' || true)"
    [ -z "$moved" ] || fail "$label: placement changed (expected every VM left where it ran): $moved"
  fi
  counts="$(echo "$union" | awk 'NF {c[$2]++} END {for (h in c) printf "%s:%d ", h, c[h]}' | tr ' ' '\n' | sort -V | paste -sd ' ')"
  say "check $label: $answered agents answered fdm vms --json; running $(echo "$union" | grep -c .) VMs (${counts}); masters:${master_list:- none}"
}

# ------------------------------------------------------------------ the run

build_network
say "network: switch $ns_switch (bridge br0, gateway $GATEWAY/24), hosts host-1..$HOSTS at $SUBNET.1-$HOSTS in $(ns 1)..$HOSTS, veth pairs, empty nftables chains"
for i in $(seq 1 $HOSTS); do
  answers "$i" "$GATEWAY" || die "host-$i cannot reach the gateway $GATEWAY before any fault"
done
answers 1 "$SUBNET.$HOSTS" || die "host-1 cannot reach host-$HOSTS before any fault"

build_layout
layout_placement="$(placement_all | sort -V)"
say "layout: fdm cluster up ($HOSTS hosts, $DATASTORES datastores as directories, $VMS VMs) in a setup namespace (its agents stopped), readdressed to $SUBNET.x, clean power-state files with $((VMS / HOSTS)) VMs per host; ha.isolationResponse=$iso_response"

# The journals also hold the setup namespace's events; only what happens from here on counts.
agents_started_ms=$((${EPOCHREALTIME/./} / 1000))
for i in $(seq 1 $HOSTS); do
  start_agent "$i"
done
say "started $HOSTS agents: $(for i in $(seq 1 $HOSTS); do printf 'host-%s=%s(pid %s) ' "$i" "$SUBNET.$i" "${pid[$i]}"; done)"

# The baseline: the first master's protected VMs and where each runs.
baseline_vms='[]'
baseline_list=""
await_masters "$(live_hosts)" || exit 1
m0="${masters[0]}"
deadline=$((${EPOCHREALTIME%.*} + settle_s))
while true; do
  poll_status
  m0="$(group_master "$(live_hosts)")"
  if [ -n "$m0" ]; then
    baseline_vms="$(jq -c '[.vms[] | select(.protectedByHa) | .vm]' "$samples/status-${m0#host-}.json")"
    if [ "$(jq length <<<"$baseline_vms")" = "$VMS" ]; then break; fi
  fi
  if [ "${EPOCHREALTIME%.*}" -ge "$deadline" ]; then
    fail "the master did not protect all $VMS VMs within $settle_s s (protects: $baseline_vms)"
    exit 1
  fi
  sleep 0.5
done
baseline_list="$(jq -r 'join(" ")' <<<"$baseline_vms")"
await_recovered || exit 1
baseline_placement="$(placement)"
if [ "$baseline_placement" != "$layout_placement" ]; then
  fail "start: the VMs do not run where the layout put them (a host declared dead before its agent came up?): $(diff <(echo "$layout_placement") <(echo "$baseline_placement") | grep '^[<>]' | paste -sd ' ' || true)"
fi
say "master $recovered_master elected; it protects all $VMS VMs; placement: $(echo "$baseline_placement" | awk '{p[$2] = p[$2] " " $1} END {for (h in p) print h ":" p[h]}' | sort -V | paste -sd '|')"
check "start" single unchanged

# (0) random packet loss everywhere: heartbeats come every 250 ms and a host is suspected only
# after 2 s of silence, so 20% loss (8 losses in a row: p = 0.2^8) must change nothing.
if [ "$loss_pct" != 0 ] && has_step 0; then
  echo "== (0) ${loss_pct}% random packet loss on every host, then none"
  lossy "$loss_pct"
  say "dropping ${loss_pct}% of every host's packets at random (nftables numgen), both directions"
  hold 8 "during the packet loss"
  poll_status
  say "after 8 s of loss: $(describe_roles)"
  check "lossy" single unchanged
  faults_clear
  say "packet loss stopped (rules flushed)"
fi

# (a) partition 2|3: the master and the next host against the other three.
if has_step a; then
echo "== (a) partition 2|3, then heal"
mk="${recovered_master#host-}"
side_a="$mk $((mk % HOSTS + 1))"
side_b="$(for i in $(seq 1 $HOSTS); do case " $side_a " in *" $i "*) ;; *) printf '%s ' "$i" ;; esac; done)"
side_b="${side_b% }"
partition "$side_a" "$side_b"
a1="${side_a%% *}"; b1="${side_b%% *}"
answers "$a1" "$SUBNET.$b1" && fail "the partition leaks: host-$a1 still reaches host-$b1"
answers "$a1" "$GATEWAY" || fail "the partition cut host-$a1 from the gateway too"
say "partitioned {$(echo "$side_a" | sed 's/[0-9]\+/host-&/g')} | {$(echo "$side_b" | sed 's/[0-9]\+/host-&/g')} (nftables drops; probe: host-$a1 -> host-$b1 silent, -> gateway answers)"
if await_masters "$side_a" "$side_b"; then
  say "each side has a master: ${masters[0]} for {$side_a}, ${masters[1]} for {$side_b}"
fi
hold "$part_hold_s" "during the partition"
check "partitioned" any unchanged
faults_clear
say "healed the partition (rules flushed)"
await_recovered && say "one master again: $recovered_master"
check "partition healed" single unchanged
fi

# (b) isolate one slave with VMs.
if has_step b; then
echo "== (b) isolate one host, then heal"
mk="${recovered_master#host-}"
iso=$((mk % HOSTS + 1))
iso_vms="$(powered_on "$iso" | sort -V | paste -sd ' ')"
isolate "$iso"
answers "$iso" "$GATEWAY" && fail "the isolation leaks: host-$iso still reaches the gateway"
say "isolated host-$iso (every packet on its eth0 dropped, the gateway unreachable); it runs: $iso_vms; expected: $iso_expect"
others=""
for i in $(live_hosts); do
  if [ "$i" != "$iso" ]; then others="$others $i"; fi
done
others="${others# }"
await_masters "$others" && say "the other hosts agree on master ${masters[0]}"
hold "$iso_hold_s" "during the isolation"
poll_status
say "after ${iso_hold_s} s of isolation host-$iso says: role ${role[$iso]:-?}, master ${master_of[$iso]:-none}"
case "$iso_expect" in
  left-on) check "isolated" any unchanged ;;
  powered-off)
    still="$(comm -12 <(echo "$iso_vms" | tr ' ' '\n' | sort) <(powered_on "$iso" | sort) | paste -sd ' ')"
    [ -z "$still" ] || fail "isolated: host-$iso still runs $still (expected the isolation response to power them off)"
    check "isolated" any moved
    ;;
  any) check "isolated" any moved ;;
esac
faults_clear
say "healed the isolation (rules flushed)"
await_recovered && say "one master again: $recovered_master"
if [ "$iso_expect" = left-on ]; then
  check "isolation healed" single unchanged
else
  check "isolation healed" single moved
fi
fi

# (c) kill -9 the master.
if has_step c; then
echo "== (c) kill -9 the master"
mk="${recovered_master#host-}"
killed_vms="$(powered_on "$mk" | sort -V | paste -sd ' ')"
kill -9 "${pid[$mk]}"
wait "${pid[$mk]}" 2>/dev/null || true
# The agent process carries the host's simulated hypervisor, so this kill is a host crash: its
# NIC goes dark with it. Otherwise its management address would keep answering the master's
# ping and the master would rightly call it fdmUnreachable (agent down on a live host: no
# restart, docs/failure-semantics/hoststate.md) while its VMs are in fact gone.
ip -n "$ns_switch" link set "port$mk" down
alive[$mk]=0
killed_at="${EPOCHREALTIME/./}"
say "kill -9 the master host-$mk (pid ${pid[$mk]}) and take its NIC down (a host crash); its VMs died with it: $killed_vms"
if await_recovered; then
  secs="$(( (${EPOCHREALTIME/./} - killed_at) / 100000 ))"
  say "new master $recovered_master; every protected VM runs exactly once again, $((secs / 10)).$((secs % 10)) s after the kill"
fi
check "master killed" single moved
for v in $killed_vms; do
  where="$(placement | awk -v v="$v" '$1 == v {print $2}')"
  if [ -n "$where" ]; then say "  $v: host-$mk -> $where"; fi
done

fi

# (d) the killed host comes back (its hypervisor boots with every VM off, as after a crash).
if has_step d; then
echo "== (d) start the killed host's agent again"
ip -n "$ns_switch" link set "port$mk" up
start_agent "$mk"
say "started host-$mk again (pid ${pid[$mk]})"
await_recovered && say "host-$mk rejoined; master $recovered_master"
check "host restarted" single moved
fi
journal_check

if [ "$failures" = 0 ]; then
  say "PASS: no VM ran twice, no protected VM was lost; every one of the $VMS protected VMs runs exactly once"
  exit 0
fi
say "FAIL: $failures problem(s), listed above; agent logs in $cluster/hosts/host-*/agent.log"
exit 1
