#!/usr/bin/env bash
# Stops the OpenSearch node of the state file: the shared engine script does the work (scripts/engine/).
exec "$(dirname -- "${BASH_SOURCE[0]}")/../engine/stop.sh" opensearch "$@"
