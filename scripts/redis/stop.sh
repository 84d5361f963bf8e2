#!/usr/bin/env bash
# Stop the server start.sh started and remove its folder; does nothing when none runs.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
state=${REDIS_STATE:-$repo/.cache/redis.state}
[[ -f "$state" ]] || exit 0
# shellcheck disable=SC1090
source "$state"
if [[ -n "${pid:-}" ]] && kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
fi
[[ -n "${datadir:-}" && "$datadir" == /tmp/mee-redis.* ]] && rm -rf "$datadir"
rm -f "$state"
