#!/usr/bin/env bash
# The front-end packages pinned in frontend/package-lock.json (NL Design System CSS,
# Tabler icons, the Source Sans 3 font), installed from the npm registry and copied into portal/static/vendor/,
# where the templates load them from. Called by `make frontend` (run and test need it).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo/frontend"

# npm ci empties node_modules first; only do that when the lockfile changed.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    npm ci --no-audit --no-fund --loglevel=error
fi

vendor=$repo/portal/static/vendor
rm -rf "$vendor"
mkdir -p "$vendor/nlds" "$vendor/icons" "$vendor/font"

nlds=node_modules/@utrecht/component-library-css
cp "$nlds/dist/index.css" "$vendor/nlds/components.css"
cp "$nlds/dist/html.css" "$vendor/nlds/html.css"
cp "$nlds/LICENSE.md" "$vendor/nlds/LICENSE.md"

icons=node_modules/@tabler/icons
grep -v '^#' icons.txt | while read -r name; do
    [[ -n $name ]] && cp "$icons/icons/outline/$name.svg" "$vendor/icons/"
done
cp "$icons/LICENSE" "$vendor/icons/LICENSE"

font=node_modules/@fontsource-variable/source-sans-3
cp "$font/index.css" "$font/LICENSE" "$vendor/font/"
cp -r "$font/files" "$vendor/font/"
