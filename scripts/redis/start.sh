#!/usr/bin/env bash
# Start a throw-away Redis server on loopback and print its URL (the shared cache).
#
# Installs Debian's redis-server when the machine has none, runs it in the foreground
# of a background process with no persistence (a cache, rebuilt from the database),
# and records pid and folder in $REDIS_STATE so that stop.sh can clean up.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
state=${REDIS_STATE:-$repo/.cache/redis.state}

log() { printf 'redis: %s\n' "$*" >&2; }

"$repo/scripts/ensure-packages.sh" redis-server

port=${REDIS_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
datadir=$(mktemp -d /tmp/mee-redis.XXXXXX)
# Evicting the least recently used keys that expire keeps a full cache serving and
# never drops the page cache's purge marks (they do not expire; core/pagecache.py).
redis-server --bind 127.0.0.1 --port "$port" --dir "$datadir" --save '' \
    --appendonly no --maxmemory 256mb --maxmemory-policy volatile-lru \
    --logfile "$datadir/server.log" --daemonize no </dev/null >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 100); do
    if redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; then
        mkdir -p "$(dirname "$state")"
        printf 'pid=%s\ndatadir=%s\nport=%s\n' "$pid" "$datadir" "$port" >"$state"
        log "running on 127.0.0.1:$port"
        echo "redis://127.0.0.1:$port/0"
        exit 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
tail -n 20 "$datadir/server.log" >&2 || true
kill "$pid" 2>/dev/null || true
log "Redis did not start"
exit 1
