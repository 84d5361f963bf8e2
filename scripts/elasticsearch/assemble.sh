#!/usr/bin/env bash
# Assembles the Elasticsearch node: the shared engine script does the work (scripts/engine/).
exec "$(dirname -- "${BASH_SOURCE[0]}")/../engine/assemble.sh" elasticsearch "$@"
