#!/usr/bin/env bash
# Usage: stop.sh ENGINE (scripts/ENGINE/stop.sh passes it). Stops the node
# that start.sh recorded in the state file and removes its temporary data.
# Safe to run when nothing is running.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
engine_load "${1:-}"

STATE_FILE=$(engine_setting STATE "$ENGINE_DEFAULT_STATE")
STOP_TIMEOUT=$(engine_setting STOP_TIMEOUT 30)
[[ "$STOP_TIMEOUT" =~ ^[0-9]+$ ]] || engine_die "${ENGINE_ENV}_STOP_TIMEOUT must be a number of seconds"

if [[ ! -f "$STATE_FILE" ]]; then
  engine_log "no state file at $STATE_FILE; nothing to stop"
  exit 0
fi

pid=$(engine_state_get "$STATE_FILE" pid || true)
run_dir=$(engine_state_get "$STATE_FILE" run_dir || true)
url=$(engine_state_get "$STATE_FILE" url || true)

if engine_pid_is_node "$pid"; then
  engine_log "stopping $ENGINE_TITLE (pid $pid${url:+, $url})"
else
  engine_log "$ENGINE_TITLE from $STATE_FILE is not running; cleaning up"
fi
engine_stop_node "$pid" "$run_dir" "$STOP_TIMEOUT"
if engine_pid_is_node "$pid"; then
  engine_die "$ENGINE_TITLE (pid $pid) is still running after SIGKILL"
fi
rm -f -- "$STATE_FILE"
engine_log "stopped"
