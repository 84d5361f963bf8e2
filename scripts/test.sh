#!/usr/bin/env bash
# `make test`: lint, check migrations and catalogues, start the real services, run pytest.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
py=.venv/bin/python

scripts/ensure-packages.sh gettext chromium

echo "== ruff" >&2
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== migrations" >&2
DJANGO_SETTINGS_MODULE=portal.settings.dev $py manage.py makemigrations --check --dry-run
echo "== catalogues" >&2
DJANGO_SETTINGS_MODULE=portal.settings.dev $py manage.py compilemessages --ignore=.venv -v0

state_dir=$(mktemp -d)
export POSTGRES_STATE=$state_dir/postgres.state
cleanup() {
    scripts/postgres/stop.sh || true
    rm -rf "$state_dir"
}
trap cleanup EXIT INT TERM

echo "== services" >&2
DATABASE_URL=$(scripts/postgres/start.sh)
export DATABASE_URL

echo "== pytest" >&2
export DJANGO_SETTINGS_MODULE=portal.settings.test
$py -m pytest "$@"
