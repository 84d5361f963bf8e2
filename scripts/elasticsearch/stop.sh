#!/usr/bin/env bash
# Stops the node that start.sh recorded in the state file and removes its
# temporary data. Safe to run when nothing is running.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

STATE_FILE=${ELASTICSEARCH_STATE:-$ES_DEFAULT_STATE}
STOP_TIMEOUT=${ELASTICSEARCH_STOP_TIMEOUT:-30}
[[ "$STOP_TIMEOUT" =~ ^[0-9]+$ ]] || es_die "ELASTICSEARCH_STOP_TIMEOUT must be a number of seconds"

if [[ ! -f "$STATE_FILE" ]]; then
  es_log "no state file at $STATE_FILE; nothing to stop"
  exit 0
fi

pid=$(es_state_get "$STATE_FILE" pid || true)
run_dir=$(es_state_get "$STATE_FILE" run_dir || true)
url=$(es_state_get "$STATE_FILE" url || true)

if es_pid_is_node "$pid"; then
  es_log "stopping Elasticsearch (pid $pid${url:+, $url})"
else
  es_log "Elasticsearch from $STATE_FILE is not running; cleaning up"
fi
es_stop_node "$pid" "$run_dir" "$STOP_TIMEOUT"
if es_pid_is_node "$pid"; then
  es_die "Elasticsearch (pid $pid) is still running after SIGKILL"
fi
rm -f -- "$STATE_FILE"
es_log "stopped"
