#!/usr/bin/env bash
# scripts/lib/autoheal.sh — the autoheal watchdog of `scripts/chaos hang`: the semantics of a
# compose healthcheck plus the autoheal container, or of a Kubernetes liveness probe.
#   autoheal.sh URL INTERVAL_S TIMEOUT_S RETRIES MAX_SECONDS -- RESTART_CMD...
# Every INTERVAL_S it runs `$ATSCORE_BIN healthcheck --url URL --timeout TIMEOUT_S`; after
# RETRIES failures in a row it runs RESTART_CMD (e.g. `supervisorctl -c CONF restart atscore`)
# and starts counting again. It stops by itself after MAX_SECONDS (bounded). Each event is one
# line on stdout: `UNIX_TIME EVENT ...` (ok / fail N/RETRIES / restart / restarted rc=N).
set -u
if [ "$#" -lt 7 ] || [ "$6" != "--" ]; then
  echo "usage: autoheal.sh URL INTERVAL_S TIMEOUT_S RETRIES MAX_SECONDS -- RESTART_CMD..." >&2
  exit 2
fi
url=$1 interval=$2 timeout=$3 retries=$4 max_seconds=$5
shift 6
probe=${ATSCORE_BIN:-atscore}
log() { printf '%s %s\n' "$(date +%s.%N)" "$*"; }

fails=0
end=$((SECONDS + max_seconds))
log "start url=$url interval=${interval}s timeout=${timeout}s retries=$retries"
while [ "$SECONDS" -lt "$end" ]; do
  if "$probe" healthcheck --url "$url" --timeout "$timeout" >/dev/null 2>&1; then
    if [ "$fails" -gt 0 ]; then log "ok after $fails failure(s)"; fi
    fails=0
  else
    fails=$((fails + 1))
    log "fail $fails/$retries"
    if [ "$fails" -ge "$retries" ]; then
      log "restart"
      "$@" >/dev/null 2>&1
      log "restarted rc=$?"
      fails=0
    fi
  fi
  sleep "$interval"
done
log "stop (max ${max_seconds}s)"
