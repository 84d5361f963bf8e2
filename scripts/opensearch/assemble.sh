#!/usr/bin/env bash
# Assembles the OpenSearch node: the shared engine script does the work (scripts/engine/).
exec "$(dirname -- "${BASH_SOURCE[0]}")/../engine/assemble.sh" opensearch "$@"
