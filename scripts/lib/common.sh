# scripts/lib/common.sh — helpers shared by scripts/test and scripts/bench (sourced, not run).
#   need_or_warn MSG   under CI=true: print MSG and exit 1; otherwise print it as a warning
#   apt_install PKG... apt-get install, waiting up to 15 min for the dpkg lock; if it fails
#                      (e.g. no package lists yet on a new machine) run apt-get update and retry
# shellcheck shell=bash

need_or_warn() {
  if [ "${CI:-}" = "true" ]; then
    echo "error: $* (required under CI=true)" >&2
    exit 1
  fi
  echo "warning: $*" >&2
}

_as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else echo "not root and no sudo: cannot run $*" >&2; return 1
  fi
}

apt_install() {
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900)
  echo "apt-get install $*" >&2
  if _as_root "${apt[@]}" install -y -q "$@"; then return 0; fi
  echo "apt-get install failed; apt-get update and retry" >&2
  _as_root "${apt[@]}" update -q && _as_root "${apt[@]}" install -y -q "$@"
}
