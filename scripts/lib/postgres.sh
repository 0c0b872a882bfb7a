# scripts/lib/postgres.sh — a real PostgreSQL for the API tests (sourced, not run).
#
# ensure_postgres:
#   1. a server already answers on 127.0.0.1:5432 (the machine's own, started before the
#      session): use it as it is — never stopped or reconfigured here;
#   2. else PostgreSQL is installed: start its cluster (no systemd here, so pg_ctlcluster
#      with --skip-systemctl-redirect);
#   3. else apt-get install postgresql, make 127.0.0.1/::1 connections `trust` in
#      pg_hba.conf (only for a cluster installed here), and start it;
#   then create the database `test` if missing, check `select 1` over TCP, and export
#   ATSCORE_TEST_PG=postgres://postgres@127.0.0.1:5432/test (a preset value is kept).
#   The Rust tests create their own scratch databases on that server (postgres has CREATEDB).
# Under CI=true any failure exits 1; otherwise it warns and leaves ATSCORE_TEST_PG unset.
# shellcheck shell=bash
# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PG_HOST=127.0.0.1
PG_PORT="${ATSCORE_PG_PORT:-5432}"        # overrides for testing this file only
PG_CLUSTER="${ATSCORE_PG_CLUSTER:-main}"

_pg_ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" >/dev/null 2>&1; }

_pg_wait() {  # up to ~30 s
  local _
  for _ in $(seq 1 60); do _pg_ready && return 0; sleep 0.5; done
  return 1
}

_pg_version() { ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1; }

_pg_installed() {
  local v
  v=$(_pg_version)
  [ -n "$v" ] && [ -f "/etc/postgresql/$v/$PG_CLUSTER/postgresql.conf" ] && command -v pg_ctlcluster >/dev/null 2>&1
}

_pg_start() {
  local v
  v=$(_pg_version)
  echo "starting PostgreSQL $v (cluster $PG_CLUSTER)" >&2
  _as_root pg_ctlcluster --skip-systemctl-redirect "$v" "$PG_CLUSTER" start || return 1
  _pg_wait
}

_pg_trust_loopback() {  # only for a cluster this script installed
  local v hba
  v=$(_pg_version)
  hba="/etc/postgresql/$v/$PG_CLUSTER/pg_hba.conf"
  [ -f "$hba" ] || return 1
  echo "pg_hba.conf: trust for 127.0.0.1/32 and ::1/128 ($hba)" >&2
  sed -E -i 's#^(host[[:space:]]+all[[:space:]]+all[[:space:]]+(127\.0\.0\.1/32|::1/128)[[:space:]]+).*$#\1trust#' "$hba"
  grep -Eq '^host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba" ||
    printf 'host    all             all             127.0.0.1/32            trust\n' >>"$hba"
}

_pg_psql() { psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U postgres "$@"; }

_pg_create_test_db() {
  local have
  have=$(_pg_psql -d postgres -tAc "select 1 from pg_database where datname = 'test'" 2>/dev/null) || have=
  [ "$have" = 1 ] && return 0
  echo "creating database test" >&2
  createdb -h "$PG_HOST" -p "$PG_PORT" -U postgres test 2>/dev/null ||
    { [ "$(id -u)" = 0 ] && runuser -u postgres -- createdb -p "$PG_PORT" test; }
}

_ensure_postgres() {
  if _pg_ready; then
    echo "PostgreSQL already answers on $PG_HOST:$PG_PORT" >&2
  elif _pg_installed; then
    _pg_start || { echo "could not start the installed PostgreSQL cluster" >&2; return 1; }
  else
    apt_install postgresql || { echo "apt-get install postgresql failed" >&2; return 1; }
    _pg_installed || { echo "postgresql installed but no cluster under /etc/postgresql" >&2; return 1; }
    _pg_trust_loopback || return 1
    if _pg_ready; then  # a post-install script may have started it with the old pg_hba.conf
      _as_root pg_ctlcluster --skip-systemctl-redirect "$(_pg_version)" "$PG_CLUSTER" reload || true
    else
      _pg_start || { echo "could not start the freshly installed PostgreSQL" >&2; return 1; }
    fi
  fi
  if ! command -v psql >/dev/null 2>&1; then apt_install postgresql-client || return 1; fi
  _pg_create_test_db || { echo "could not create database test" >&2; return 1; }
  _pg_psql -d test -c 'select 1' >/dev/null || { echo "psql -h $PG_HOST -U postgres -d test: select 1 failed" >&2; return 1; }
}

ensure_postgres() {
  local preset="${ATSCORE_TEST_PG:-}"
  if [ -n "$preset" ] && psql -X -q "$preset" -c 'select 1' >/dev/null 2>&1; then
    echo "PostgreSQL: using preset ATSCORE_TEST_PG=$preset" >&2
    export ATSCORE_TEST_PG="$preset"
    return 0
  fi
  if _ensure_postgres; then
    export ATSCORE_TEST_PG="${preset:-postgres://postgres@$PG_HOST:$PG_PORT/test}"
    if [ -n "$preset" ] && ! psql -X -q "$preset" -c 'select 1' >/dev/null 2>&1; then
      need_or_warn "preset ATSCORE_TEST_PG=$preset does not answer select 1"
      unset ATSCORE_TEST_PG
      return 0
    fi
    echo "PostgreSQL ready: ATSCORE_TEST_PG=$ATSCORE_TEST_PG" >&2
  else
    need_or_warn "no PostgreSQL on $PG_HOST:$PG_PORT; database tests will be skipped"
    unset ATSCORE_TEST_PG
  fi
}
