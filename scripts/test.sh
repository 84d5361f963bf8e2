#!/usr/bin/env bash
# `make test`: lint, check migrations and catalogues, start PostgreSQL and OpenSearch,
# run pytest.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
py=.venv/bin/python

scripts/ensure-packages.sh gettext chromium openjdk-17-jre-headless

echo "== ruff" >&2
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== migrations" >&2
DJANGO_SETTINGS_MODULE=portal.settings.dev $py manage.py makemigrations --check --dry-run
echo "== catalogues" >&2
DJANGO_SETTINGS_MODULE=portal.settings.dev $py manage.py compilemessages --ignore=.venv -v0

state_dir=$(mktemp -d)
export POSTGRES_STATE=$state_dir/postgres.state
export OPENSEARCH_STATE=$state_dir/opensearch.state
cleanup() {
    scripts/opensearch/stop.sh || true
    scripts/postgres/stop.sh || true
    rm -rf "$state_dir"
}
trap cleanup EXIT INT TERM

echo "== services" >&2
DATABASE_URL=$(scripts/postgres/start.sh)
export DATABASE_URL
# Search is tested on a real OpenSearch node; without one the suite cannot run.
if ! PORTAL_SEARCH_URL=$(scripts/opensearch/start.sh); then
    echo "make test: OpenSearch did not start (see the [opensearch] lines above);" \
        "search is tested on the real engine, so the suite stops here." >&2
    exit 1
fi
export PORTAL_SEARCH_URL PORTAL_SEARCH_BACKEND=opensearch2

echo "== pytest" >&2
export DJANGO_SETTINGS_MODULE=portal.settings.test
$py -m pytest "$@"
