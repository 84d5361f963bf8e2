#!/usr/bin/env bash
# The headless example (examples/headless/): its pinned packages (package-lock.json)
# installed from the npm registry, TypeScript types generated from its copy of the
# OpenAPI document, and the type check (`tsc --noEmit`). Called by scripts/test.sh.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$repo/scripts/ensure-packages.sh" nodejs npm
cd "$repo/examples/headless"

# npm ci empties node_modules first; only do that when the lockfile changed.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent check
