#!/usr/bin/env bash
# Starts an Elasticsearch node: the shared engine script does the work (scripts/engine/).
exec "$(dirname -- "${BASH_SOURCE[0]}")/../engine/start.sh" elasticsearch "$@"
