# apt-install.sh - sourced by the project's install steps (deploy/ci/install-browser.sh,
# deploy/vcsim/install-vcsim.sh); defines apt_install PACKAGE...
#
# apt_install installs Debian packages non-interactively, through sudo when not root (exits 1
# when neither is available). Several install steps may run at once and hold the dpkg lock: it
# waits up to 600 s for it. apt's output goes to stderr. The caller defines log().

apt_install() {
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || { log "need root (or sudo) to apt-get install $*"; exit 1; }
    sudo="sudo"
  fi
  log "installing Debian packages: $*"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "$@" >&2
}
