#!/usr/bin/env bash
# Stop the server start.sh started and remove its data; does nothing when none runs.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
state=${POSTGRES_STATE:-$repo/.cache/postgres.state}
[[ -f "$state" ]] || exit 0
# shellcheck disable=SC1090
source "$state"
if [[ -d "${datadir:-}/data" ]]; then
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$bindir/pg_ctl" -D "$datadir/data" -m fast -w stop >/dev/null 2>&1 || true
    else
        "$bindir/pg_ctl" -D "$datadir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
fi
[[ -n "${datadir:-}" && "$datadir" == /tmp/mee-postgres.* ]] && rm -rf "$datadir"
rm -f "$state"
