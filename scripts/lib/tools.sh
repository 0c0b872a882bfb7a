# scripts/lib/tools.sh — tools for the benchmarks, installed lazily (sourced, not run).
#   ensure_wrk   wrk (Debian package), the HTTP load generator of `scripts/bench http`
# shellcheck shell=bash
# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ensure_wrk() {
  command -v wrk >/dev/null 2>&1 && return 0
  apt_install wrk || true
  command -v wrk >/dev/null 2>&1 || { echo "error: wrk is missing and could not be installed" >&2; return 1; }
}

#   ensure_prometheus   prometheus + promtool and prometheus-alertmanager + amtool (Debian
#                       packages), which the metrics and SLO tests run on loopback; exports
#                       ATSCORE_ALERTMANAGER (the Alertmanager binary's path)
ensure_prometheus() {
  local missing=()
  command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
  command -v prometheus-alertmanager >/dev/null 2>&1 || command -v alertmanager >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
  if [ "${#missing[@]}" -gt 0 ]; then apt_install "${missing[@]}" || true; fi
  for tool in prometheus promtool amtool; do
    command -v "$tool" >/dev/null 2>&1 || need_or_warn "$tool is missing and could not be installed (apt-get install prometheus prometheus-alertmanager)"
  done
  local am
  am=$(command -v prometheus-alertmanager || command -v alertmanager || true)
  if [ -n "$am" ]; then export ATSCORE_ALERTMANAGER="$am"; else need_or_warn "alertmanager is missing"; fi
  prometheus --version 2>&1 | head -n 1 || true
}

#   ensure_clamd   clamd (Debian package clamav-daemon) for the ClamAV tests; the tests start
#                  their own clamd on a loopback port with a test signature database (no
#                  signature download, freshclam never runs)
ensure_clamd() {
  if [ ! -x /usr/sbin/clamd ]; then apt_install clamav-daemon || true; fi
  [ -x /usr/sbin/clamd ] || { need_or_warn "clamd is missing and could not be installed (apt-get install clamav-daemon)"; return 0; }
  /usr/sbin/clamd --version || true
}

#   ensure_cargo_deny   cargo-deny $CARGO_DENY_VERSION from crates.io (cargo install; built
#                       without optimisation: ~45 s on 2 cores instead of minutes, and it runs
#                       in about a second either way)
CARGO_DENY_VERSION=0.20.2
ensure_cargo_deny() {
  if cargo deny --version 2>/dev/null | grep -qF "$CARGO_DENY_VERSION"; then return 0; fi
  CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_DEBUG=0 CARGO_PROFILE_RELEASE_LTO=false \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256 CARGO_PROFILE_RELEASE_INCREMENTAL=false \
    cargo install cargo-deny --version "$CARGO_DENY_VERSION" --locked --quiet || true
  cargo deny --version 2>/dev/null | grep -qF "$CARGO_DENY_VERSION" \
    || { need_or_warn "cargo-deny $CARGO_DENY_VERSION is missing and could not be installed"; return 1; }
}
