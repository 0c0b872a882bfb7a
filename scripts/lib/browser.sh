# scripts/lib/browser.sh — headless Chromium + playwright-core for tests/browser (sourced, not run).
#
# ensure_browser:
#   - Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver),
#     apt-get installed when either is missing (no browser is ever downloaded by a test tool:
#     playwright-core has no download step, the tests pass executablePath);
#   - Node.js + npm (Debian's nodejs/npm only if node is missing altogether);
#   - `npm ci --prefix tests/browser` when tests/browser/node_modules is missing or
#     package-lock.json changed since the last install (its sha256 is kept in node_modules);
#   - exports CHROMIUM=/usr/bin/chromium (a preset value is kept).
# run_browser_tests [BIN]:
#   runs `node --test` on every tests/browser/**/*.test.mjs (none: says so and returns 0), with
#   ATSCORE_BIN (absolute path of the atscore binary, default target/debug/atscore),
#   CHROMIUM and ATSCORE_ARTIFACTS (target/artifacts, created; screenshots go there).
# Under CI=true a missing component exits 1; otherwise it warns and the browser tests are skipped.
# Both expect the current directory to be the workspace root.
# shellcheck shell=bash
# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

BROWSER_DIR=tests/browser
BROWSER_OK=0

_lock_sum() { sha256sum "$BROWSER_DIR/package-lock.json" | cut -d' ' -f1; }

_ensure_browser() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    apt_install chromium chromium-driver || { echo "apt-get install chromium chromium-driver failed" >&2; return 1; }
  fi
  /usr/bin/chromium --version || return 1
  /usr/bin/chromedriver --version || return 1
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm || { echo "no node/npm and apt-get install nodejs npm failed" >&2; return 1; }
  fi
  echo "node $(node --version), npm $(npm --version)"
  local stamp="$BROWSER_DIR/node_modules/.atscore-lock.sha256"
  if [ ! -d "$BROWSER_DIR/node_modules" ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$(_lock_sum)" ]; then
    echo "npm ci --prefix $BROWSER_DIR" >&2
    npm ci --prefix "$BROWSER_DIR" --no-audit --no-fund || { echo "npm ci failed" >&2; return 1; }
    _lock_sum >"$stamp"
  else
    echo "$BROWSER_DIR/node_modules is up to date with package-lock.json"
  fi
}

ensure_browser() {
  if _ensure_browser; then
    export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
    BROWSER_OK=1
  else
    need_or_warn "Chromium/playwright-core for the browser tests could not be set up; browser tests will be skipped"
  fi
}

run_browser_tests() {
  local bin="${1:-$(pwd)/target/debug/atscore}" tests=()
  mapfile -t tests < <(find "$BROWSER_DIR" -path "$BROWSER_DIR/node_modules" -prune -o -name '*.test.mjs' -print | sort)
  if [ "${#tests[@]}" -eq 0 ]; then
    echo "no $BROWSER_DIR/*.test.mjs: no browser tests to run"
    return 0
  fi
  if [ "$BROWSER_OK" != 1 ]; then
    need_or_warn "browser tests skipped (ensure_browser did not succeed)"
    return 0
  fi
  [ -x "$bin" ] || { echo "error: ATSCORE_BIN $bin is not an executable" >&2; return 1; }
  export ATSCORE_BIN="$bin"
  export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
  export ATSCORE_ARTIFACTS="${ATSCORE_ARTIFACTS:-$(pwd)/target/artifacts}"
  mkdir -p "$ATSCORE_ARTIFACTS"
  echo "ATSCORE_BIN=$ATSCORE_BIN CHROMIUM=$CHROMIUM ATSCORE_ARTIFACTS=$ATSCORE_ARTIFACTS"
  node --test "${tests[@]}"
}
