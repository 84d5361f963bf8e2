#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on loopback and print its DATABASE_URL.
#
# Installs Debian's PostgreSQL when the machine has none, runs the server as the
# `postgres` system user (it refuses root) with its data in a temporary folder, and
# records pid, port and folder in $POSTGRES_STATE so that stop.sh can clean up.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
state=${POSTGRES_STATE:-$repo/.cache/postgres.state}
db_name=${POSTGRES_DB:-portal}

log() { printf 'postgres: %s\n' "$*" >&2; }
fail() { log "$*"; exit 1; }

find_bindir() {
    find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1
}

bindir=$(find_bindir)
if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
    [[ $(id -u) -eq 0 ]] || fail "PostgreSQL is not installed; run 'apt-get install postgresql' as root."
    log "installing Debian's postgresql package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    bindir=$(find_bindir)
fi
[[ -x "$bindir/initdb" ]] || fail "initdb not found under /usr/lib/postgresql"
id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/false postgres

as_postgres() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

port=${POSTGRES_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
datadir=$(mktemp -d /tmp/mee-postgres.XXXXXX)
[[ $(id -u) -eq 0 ]] && chown postgres: "$datadir"

as_postgres "$bindir/initdb" -D "$datadir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$datadir/initdb.log" 2>&1 \
    || { cat "$datadir/initdb.log" >&2; fail "initdb failed"; }
# Durability settings are off: the data lives for one test run and speed matters.
if ! as_postgres "$bindir/pg_ctl" -D "$datadir/data" -l "$datadir/server.log" -w -t 60 start \
    -o "-p $port -k $datadir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" >&2; then
    tail -n 50 "$datadir/server.log" >&2 || true
    fail "PostgreSQL did not start"
fi
as_postgres "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db_name"

mkdir -p "$(dirname "$state")"
printf 'bindir=%s\ndatadir=%s\nport=%s\n' "$bindir" "$datadir" "$port" >"$state"
log "running on 127.0.0.1:$port (data in $datadir)"
echo "postgres://postgres@127.0.0.1:$port/$db_name"
