#!/usr/bin/env bash
# install-vcsim.sh - OpenFDM's install step for vcsim (the vCenter/ESXi SOAP API simulator from govmomi),
# built from Debian packages without network access to the Go module proxy. .ci/run calls it before the
# tests; io.openfdm.vsphere.vcsim.Vcsim finds the binary it prints.
#
# Follows /work/shared/vcsim/install-vcsim.sh, with two more launcher flags: -username and -password
# (vcsim then accepts only that user and password, so a wrong password is refused with InvalidLogin;
# without them it accepts any non-empty user and password, as the shared build does). Because of them it
# installs to its own directory, never over the shared build.
#
# Usage: install-vcsim.sh [OUTPUT_BIN_DIR] [--smoke]
#   OUTPUT_BIN_DIR  where to put the vcsim binary (default: ${XDG_CACHE_HOME:-$HOME/.cache}/openfdm/vcsim/bin)
#   --smoke         after building, start vcsim on 127.0.0.1 (random port), curl /sdk, stop it
# Prints the absolute path of the vcsim binary as the last line on stdout (everything else goes to stderr).
#
# Debian bookworm ships govmomi 0.24.2 as a Go *library* (golang-github-vmware-govmomi-dev), but not the
# vcsim main package, so this script writes a small launcher main.go over that library and builds it
# in GOPATH mode against /usr/share/gocode. Idempotent: re-runs are no-ops
# unless the binary is missing or the embedded source / govmomi package version changed.
set -euo pipefail

log() { echo "[install-vcsim] $*" >&2; }
# shellcheck source=../ci/apt-install.sh
. "$(dirname "${BASH_SOURCE[0]}")/../ci/apt-install.sh"

OUT_DIR=""
SMOKE=0
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=1 ;;
    -h|--help) sed -n '2,22p' "$0" >&2; exit 0 ;;
    *) OUT_DIR="$arg" ;;
  esac
done
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/openfdm/vcsim"
OUT_DIR="${OUT_DIR:-$CACHE_ROOT/bin}"
mkdir -p "$OUT_DIR"
OUT_DIR="$(cd "$OUT_DIR" && pwd)"
BIN="$OUT_DIR/vcsim"
GOCODE=/usr/share/gocode
PKGS=(golang-go golang-github-vmware-govmomi-dev)

# 1. Debian packages (only if something is missing)
need_apt=0
command -v go >/dev/null 2>&1 || need_apt=1
[ -d "$GOCODE/src/github.com/vmware/govmomi/simulator" ] || need_apt=1
[ -d "$GOCODE/src/github.com/google/uuid" ] || need_apt=1
if [ "$need_apt" = 1 ]; then
  apt_install "${PKGS[@]}"
else
  log "Debian packages already present"
fi
command -v go >/dev/null 2>&1 || { log "go not found after install"; exit 1; }

# 2. Source (embedded below) in a private GOPATH
SRC_GOPATH="$CACHE_ROOT/gopath"
SRC_DIR="$SRC_GOPATH/src/vcsim"
mkdir -p "$SRC_DIR"
TMP_MAIN="$(mktemp)"
trap 'rm -f "$TMP_MAIN"' EXIT
cat > "$TMP_MAIN" <<'GOSRC'
// OpenFDM's vcsim launcher over the govmomi simulator library that Debian ships
// (golang-github-vmware-govmomi-dev 0.24.x). It builds an inventory, serves the
// vSphere SOAP API at https://ADDR/sdk and prints the URL on stdout.
// -username/-password restrict the accepted login (the shared launcher has no such flags).
package main

import (
	"crypto/tls"
	"flag"
	"fmt"
	"log"
	"net/url"
	"os"
	"os/signal"
	"syscall"

	"github.com/vmware/govmomi/simulator"
)

func main() {
	listen := flag.String("l", "127.0.0.1:8989", "listen address (use port 0 for a free port)")
	esxMode := flag.Bool("esx", false, "serve one standalone ESXi host (apiType HostAgent) instead of a vCenter")
	datacenters := flag.Int("dc", 1, "datacenters")
	clusters := flag.Int("cluster", 1, "clusters per datacenter")
	hosts := flag.Int("host", 3, "hosts per cluster")
	standalone := flag.Int("standalone-host", 1, "standalone hosts per datacenter")
	datastores := flag.Int("ds", 1, "local datastores")
	vms := flag.Int("vm", 2, "virtual machines per resource pool")
	autostart := flag.Bool("autostart", true, "power on the created VMs")
	vim60 := flag.Bool("vim60", false, "hide the vSphere 6.5+ managers from ServiceContent (yavijava 6.0 rejects them)")
	delay := flag.Int("delay", 0, "delay of every method, in milliseconds")
	username := flag.String("username", "", "accept only this user (with -password); default: any non-empty user and password")
	password := flag.String("password", "", "accept only this password (with -username)")
	flag.Parse()
	if (*username == "") != (*password == "") {
		log.Fatal("-username and -password go together")
	}

	var model *simulator.Model
	if *esxMode {
		model = simulator.ESX()
	} else {
		model = simulator.VPX()
		model.Datacenter = *datacenters
		model.Cluster = *clusters
		model.ClusterHost = *hosts
		model.Host = *standalone
	}
	model.Datastore = *datastores
	model.Machine = *vms
	model.Autostart = *autostart
	model.DelayConfig.Delay = *delay
	if *vim60 {
		c := &model.ServiceContent
		c.VStorageObjectManager = nil
		c.HostSpecManager = nil
		c.CryptoManager = nil
		c.HealthUpdateManager = nil
		c.FailoverClusterConfigurator = nil
		c.FailoverClusterManager = nil
	}
	if err := model.Create(); err != nil {
		log.Fatal(err)
	}
	model.Service.Listen = &url.URL{Host: *listen}
	if *username != "" {
		model.Service.Listen.User = url.UserPassword(*username, *password)
	}
	model.Service.TLS = new(tls.Config)
	server := model.Service.NewServer()
	fmt.Printf("export GOVC_URL=%s GOVC_SIM_PID=%d\n", server.URL, os.Getpid())

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	<-stop
	server.Close()
	model.Remove()
}
GOSRC
if ! cmp -s "$TMP_MAIN" "$SRC_DIR/main.go" 2>/dev/null; then cp "$TMP_MAIN" "$SRC_DIR/main.go"; fi

# 3. Build (skipped when the binary is up to date)
GOVMOMI_VER="$(dpkg-query -W -f='${Version}' golang-github-vmware-govmomi-dev 2>/dev/null || echo unknown)"
STAMP="$(sha256sum "$SRC_DIR/main.go" | cut -c1-16)-$GOVMOMI_VER-$(go env GOVERSION 2>/dev/null || go version | awk '{print $3}')"
if [ -x "$BIN" ] && [ -f "$BIN.stamp" ] && [ "$(cat "$BIN.stamp")" = "$STAMP" ]; then
  log "vcsim up to date ($STAMP)"
else
  log "building vcsim (govmomi $GOVMOMI_VER, $(go version | awk '{print $3}'))"
  start=$(date +%s)
  (
    cd "$SRC_DIR"
    GO111MODULE=off GOPATH="$SRC_GOPATH:$GOCODE" GOPROXY=off GOFLAGS= CGO_ENABLED=0 \
      go build -trimpath -o "$BIN.tmp" .
  )
  mv -f "$BIN.tmp" "$BIN"
  echo "$STAMP" > "$BIN.stamp"
  log "built in $(( $(date +%s) - start ))s"
fi

# 4. Optional smoke test on loopback
if [ "$SMOKE" = 1 ]; then
  out="$(mktemp)"
  "$BIN" -l 127.0.0.1:0 -vim60 > "$out" 2>&1 &
  pid=$!
  url=""
  for _ in $(seq 1 50); do
    url="$(sed -n 's/^export GOVC_URL=\([^ ]*\).*/\1/p' "$out")"
    [ -n "$url" ] && break
    sleep 0.1
  done
  plain="$(echo "$url" | sed 's#//[^@]*@#//#')"
  code="$(curl -sk -o /dev/null -w '%{http_code}' "${plain%/sdk}/sdk/vimServiceVersions.xml" || true)"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$out"
  if [ "$code" = 200 ]; then log "smoke test OK ($plain)"; else log "smoke test FAILED (url='$url' http=$code)"; exit 1; fi
fi

echo "$BIN"
