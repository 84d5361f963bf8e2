#!/usr/bin/env bash
# Stops the node that start.sh recorded in the state file and removes its
# temporary data. Safe to run when nothing is running.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

STATE_FILE=${OPENSEARCH_STATE:-$OS_DEFAULT_STATE}
STOP_TIMEOUT=${OPENSEARCH_STOP_TIMEOUT:-30}
[[ "$STOP_TIMEOUT" =~ ^[0-9]+$ ]] || os_die "OPENSEARCH_STOP_TIMEOUT must be a number of seconds"

if [[ ! -f "$STATE_FILE" ]]; then
  os_log "no state file at $STATE_FILE; nothing to stop"
  exit 0
fi

pid=$(os_state_get "$STATE_FILE" pid || true)
run_dir=$(os_state_get "$STATE_FILE" run_dir || true)
url=$(os_state_get "$STATE_FILE" url || true)

if os_pid_is_node "$pid"; then
  os_log "stopping OpenSearch (pid $pid${url:+, $url})"
else
  os_log "OpenSearch from $STATE_FILE is not running; cleaning up"
fi
os_stop_node "$pid" "$run_dir" "$STOP_TIMEOUT"
if os_pid_is_node "$pid"; then
  os_die "OpenSearch (pid $pid) is still running after SIGKILL"
fi
rm -f -- "$STATE_FILE"
os_log "stopped"
