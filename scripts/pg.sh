#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for the SQL event-store tests, on loopback only.
#
#   scripts/pg.sh start   initialise (once) and start the server, print its URL
#   scripts/pg.sh stop    stop it (the data directory is kept until `pg.sh clean`)
#   scripts/pg.sh url     print the URL: postgres://postgres@127.0.0.1:PORT/postgres
#   scripts/pg.sh status  exit 0 when the server is running, 1 otherwise
#   scripts/pg.sh clean   stop it and delete its data directory
#
# Settings (environment): SOLTRACE_PG_PORT (default 54329), SOLTRACE_PG_DIR (default
# /tmp/soltrace-pg), SOLTRACE_PG_OPTIONS (more server options for `start`, e.g.
# "-c shared_preload_libraries=pg_stat_statements"). The server listens on 127.0.0.1 only, trusts local connections and runs with
# fsync off: it is for tests, never for data you keep. Every command is idempotent.
set -euo pipefail
# runuser and the server tools live in sbin folders that a minimal PATH may lack.
export PATH="$PATH:/usr/sbin:/sbin"

PORT="${SOLTRACE_PG_PORT:-54329}"
DIR="${SOLTRACE_PG_DIR:-/tmp/soltrace-pg}"
BIN="${SOLTRACE_PG_BIN:-/usr/lib/postgresql/15/bin}"
URL="postgres://postgres@127.0.0.1:${PORT}/postgres"

case "$PORT" in
  '' | *[!0-9]*) echo "pg.sh: SOLTRACE_PG_PORT must be a number, got '$PORT'" >&2; exit 2 ;;
esac

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

ensure_binaries() {
  if [ ! -x "$BIN/pg_ctl" ]; then
    echo "pg.sh: PostgreSQL binaries missing under $BIN; installing Debian's postgresql package" >&2
    apt-get update >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
  fi
  if [ ! -x "$BIN/pg_ctl" ]; then
    echo "pg.sh: still no $BIN/pg_ctl after installing; set SOLTRACE_PG_BIN" >&2
    exit 1
  fi
  id postgres >/dev/null 2>&1 || { echo "pg.sh: no 'postgres' user on this machine" >&2; exit 1; }
}

running() {
  [ -f "$DIR/PG_VERSION" ] && as_postgres "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1
}

start() {
  ensure_binaries
  if running; then
    echo "$URL"
    return 0
  fi
  mkdir -p "$DIR"
  chown postgres "$DIR"
  chmod 700 "$DIR"
  if [ ! -f "$DIR/PG_VERSION" ]; then
    as_postgres "$BIN/initdb" -D "$DIR" -U postgres --auth=trust --no-sync >"$DIR.initdb.log" 2>&1 \
      || { cat "$DIR.initdb.log" >&2; exit 1; }
  fi
  as_postgres "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c max_connections=100 ${SOLTRACE_PG_OPTIONS:-}" start >&2 \
    || { tail -n 30 "$DIR/server.log" >&2 || true; exit 1; }
  echo "$URL"
}

stop() {
  if running; then
    as_postgres "$BIN/pg_ctl" -D "$DIR" -m fast -w stop >&2
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) echo "$URL" ;;
  status) running ;;
  clean) stop; rm -rf "$DIR" "$DIR.initdb.log" ;;
  *) echo "usage: $0 start|stop|status|url|clean" >&2; exit 2 ;;
esac
