#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests (issue #17): initdb in a temporary directory, started on
# 127.0.0.1 on a free port, one database, trust authentication on loopback only; removed when done.
#
#   scripts/pg-cluster.sh run CMD [ARGS...]   start, run CMD with FACTDESK_TEST_PG_URL set, then stop and
#                                              remove the cluster whatever CMD's outcome (its exit code is kept)
#   eval "$(scripts/pg-cluster.sh start)"     start and print FACTDESK_TEST_PG_URL=… and FACTDESK_PG_CLUSTER=…
#   scripts/pg-cluster.sh stop DIR            stop the cluster started in DIR and remove DIR
#
# Finds initdb and pg_ctl on PATH or under /usr/lib/postgresql/*/bin (Debian's `postgresql` package puts
# them there, newest version first). PostgreSQL refuses to run as root: as root the cluster belongs to the
# `postgres` user (which Debian's package creates), or to a `factdesk-pg` user made for it.
set -euo pipefail

log() { echo "pg-cluster: $*" >&2; }
die() { log "$*"; exit 1; }

find_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return 0
  fi
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  die "no initdb/pg_ctl on PATH or under /usr/lib/postgresql/*/bin: install PostgreSQL 15 or later (Debian: apt-get install postgresql)"
}

# The user the server runs as: ourselves, unless we are root.
cluster_user() {
  if [ "$(id -u)" != 0 ]; then id -un; return 0; fi
  if id postgres >/dev/null 2>&1; then echo postgres; return 0; fi
  if ! id factdesk-pg >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin factdesk-pg >/dev/null 2>&1 \
      || die "running as root, and there is no postgres user and no way to create one (useradd failed)"
  fi
  echo factdesk-pg
}

as_user() {
  local user=$1; shift
  if [ "$(id -un)" = "$user" ]; then "$@"; return $?; fi
  if command -v runuser >/dev/null 2>&1; then runuser -u "$user" -- "$@"; return $?; fi
  local quoted; printf -v quoted '%q ' "$@"
  su -s /bin/sh "$user" -c "$quoted"
}

free_port() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

start_cluster() {
  local bin user dir port url attempt
  bin=$(find_bin)
  user=$(cluster_user)
  dir=$(mktemp -d "${TMPDIR:-/tmp}/factdesk-pg.XXXXXX")
  chmod 700 "$dir"
  [ "$(id -un)" = "$user" ] || chown "$user" "$dir"
  log "$("$bin/postgres" --version) from $bin, as $user, in $dir"
  # C.UTF-8: byte-order collation (as SQLite compares text) with a UTF-8 aware ctype, which the search
  # migration needs ([[:alnum:]] must match "é").
  as_user "$user" "$bin/initdb" -D "$dir/data" --locale=C.UTF-8 -E UTF8 --auth=trust -U postgres >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; die "initdb failed"; }
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    # Throwaway data: no fsync. Loopback only; the socket lives in the cluster's own directory.
    if as_user "$user" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null; then
      break
    fi
    log "the server did not start on port $port (attempt $attempt); retrying on another"
    port=""
  done
  [ -n "$port" ] || { tail -20 "$dir/server.log" >&2 || true; rm -rf "$dir"; die "the server would not start"; }
  echo "$port" >"$dir/port"
  "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres factdesk_test \
    || { stop_cluster "$dir"; die "createdb failed"; }
  # The search migration creates unaccent (contrib; part of Debian's postgresql-NN package).
  if [ "$("$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d factdesk_test -Atc "SELECT count(*) FROM pg_available_extensions WHERE name = 'unaccent'")" != 1 ]; then
    stop_cluster "$dir"
    die "the unaccent extension is not available: install PostgreSQL's contrib modules (Debian: postgresql-contrib)"
  fi
  url="postgres://postgres@127.0.0.1:$port/factdesk_test"
  log "ready: $url"
  printf 'FACTDESK_TEST_PG_URL=%q\nFACTDESK_PG_CLUSTER=%q\n' "$url" "$dir"
}

stop_cluster() {
  local dir=$1 bin user
  [ -d "$dir/data" ] || { rm -rf "$dir"; return 0; }
  bin=$(find_bin)
  user=$(stat -c %U "$dir/data")
  as_user "$user" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  log "stopped and removed $dir"
}

case "${1:-}" in
  start)
    start_cluster
    ;;
  stop)
    [ -n "${2:-}" ] || die "usage: $0 stop DIR"
    case "$2" in */factdesk-pg.*) ;; *) die "refusing to remove $2: not a directory this script made" ;; esac
    stop_cluster "$2"
    ;;
  run)
    shift
    [ $# -gt 0 ] || die "usage: $0 run CMD [ARGS...]"
    vars=$(start_cluster)
    eval "$vars"
    export FACTDESK_TEST_PG_URL
    trap 'stop_cluster "$FACTDESK_PG_CLUSTER"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    status=0
    "$@" || status=$?
    exit "$status"
    ;;
  *)
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
