#!/usr/bin/env bash
# Stop the object store start.sh started and remove its data; does nothing when none runs.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
state=${S3_STATE:-$repo/.cache/s3.state}
[[ -f "$state" ]] || exit 0
# shellcheck disable=SC1090
source "$state"
if [[ -n "${pid:-}" ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
fi
[[ -n "${datadir:-}" && "$datadir" == /tmp/mee-s3.* ]] && rm -rf "$datadir"
rm -f "$state"
