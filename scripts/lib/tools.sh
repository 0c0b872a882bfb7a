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

#   ensure_promtool   promtool (Debian package prometheus), which the metrics tests run
ensure_promtool() {
  command -v promtool >/dev/null 2>&1 && return 0
  apt_install prometheus || true
  command -v promtool >/dev/null 2>&1 || need_or_warn "promtool is missing and could not be installed (apt-get install prometheus)"
}
