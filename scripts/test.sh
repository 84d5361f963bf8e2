#!/usr/bin/env bash
# `make test`: lint, check migrations and catalogues, start PostgreSQL, Redis,
# OpenSearch, Elasticsearch and the object store (s3s-fs), run every tier of the
# suite in parallel with coverage (the scale tier runs nginx and gunicorn itself).
# `make test-fast` (--fast): the same checks, then the fast tier on PostgreSQL and Redis.
# Further arguments go to pytest.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
py=.venv/bin/python

fast=
if [[ ${1:-} == --fast ]]; then
    fast=yes
    shift
fi

if [[ -n $fast ]]; then
    scripts/ensure-packages.sh gettext
else
    # The JDK's javac builds the project's Elasticsearch modules (scripts/elasticsearch).
    scripts/ensure-packages.sh gettext chromium openjdk-17-jdk-headless nginx \
        libnginx-mod-http-cache-purge
fi

echo "== ruff" >&2
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== imports" >&2
.venv/bin/lint-imports --no-cache
echo "== migrations" >&2
DJANGO_SETTINGS_MODULE=portal.settings.dev $py manage.py makemigrations --check --dry-run
echo "== catalogues" >&2
DJANGO_SETTINGS_MODULE=portal.settings.dev $py manage.py compilemessages --ignore=.venv -v0
echo "== headless example: types from the OpenAPI document, tsc --noEmit" >&2
# The suite (tests/test_api_openapi.py) fails while examples/headless/openapi.json
# differs from the code's document; this fails when that document breaks the example.
scripts/headless.sh

state_dir=$(mktemp -d)
export POSTGRES_STATE=$state_dir/postgres.state
export OPENSEARCH_STATE=$state_dir/opensearch.state
export ELASTICSEARCH_STATE=$state_dir/elasticsearch.state
export REDIS_STATE=$state_dir/redis.state
export S3_STATE=$state_dir/s3.state
starts=()
cleanup() {
    # A start still waiting for its node stops that node itself when told to.
    for pid in "${starts[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait
    if [[ -z $fast ]]; then
        scripts/elasticsearch/stop.sh || true
        scripts/opensearch/stop.sh || true
        scripts/s3/stop.sh || true
    fi
    scripts/redis/stop.sh || true
    scripts/postgres/stop.sh || true
    rm -rf "$state_dir"
}
trap cleanup EXIT INT TERM

export DJANGO_SETTINGS_MODULE=portal.settings.test
# Two workers on the two cores, each with its own database, search indexes and SMTP
# port. Test by test (--dist load): the scope-based modes key on node ids, which
# schemathesis's items share under pytest 9, and would run one operation of each.
workers=${PYTEST_WORKERS:-2}

if [[ -n $fast ]]; then
    echo "== services (PostgreSQL and Redis)" >&2
    DATABASE_URL=$(scripts/postgres/start.sh)
    PORTAL_CACHE_URL=$(scripts/redis/start.sh)
    export DATABASE_URL PORTAL_CACHE_URL
    # The fast tier must not reach an engine, not even one a developer left running.
    unset PORTAL_SEARCH_URL PORTAL_SEARCH_BACKEND PORTAL_ELASTICSEARCH_URL
    echo "== pytest: fast tier" >&2
    $py -m pytest -n "$workers" --dist load -m "not engine and not browser and not scale" "$@"
    exit
fi

echo "== services" >&2
# The two engines boot at the same time (each takes 10-60 s), PostgreSQL meanwhile.
scripts/opensearch/start.sh >"$state_dir/opensearch.url" &
opensearch_start=$!
starts+=("$opensearch_start")
scripts/elasticsearch/start.sh >"$state_dir/elasticsearch.url" &
elasticsearch_start=$!
starts+=("$elasticsearch_start")
# The first run builds s3s-fs with cargo (a few minutes, cached in .cache/).
scripts/s3/start.sh >"$state_dir/s3.url" &
s3_start=$!
starts+=("$s3_start")
DATABASE_URL=$(scripts/postgres/start.sh)
PORTAL_CACHE_URL=$(scripts/redis/start.sh)
export DATABASE_URL PORTAL_CACHE_URL
# Search is tested on real engines; without them the suite cannot run.
if ! wait "$s3_start"; then
    echo "make test: the object store did not start (see the s3: lines above);" \
        "the scale tier needs it, so the suite stops here." >&2
    exit 1
fi
for engine in opensearch elasticsearch; do
    start_pid=${engine}_start
    if ! wait "${!start_pid}"; then
        echo "make test: $engine did not start (see the [$engine] lines above);" \
            "search is tested on the real engines, so the suite stops here." >&2
        exit 1
    fi
done
starts=()
# OpenSearch is the engine tier's default engine; the tests marked `engines` run on
# Elasticsearch too (portal/settings/test.py).
PORTAL_SEARCH_URL=$(<"$state_dir/opensearch.url")
PORTAL_ELASTICSEARCH_URL=$(<"$state_dir/elasticsearch.url")
export PORTAL_SEARCH_URL PORTAL_SEARCH_BACKEND=opensearch2 PORTAL_ELASTICSEARCH_URL

echo "== pytest: fast, engine, browser and scale tiers" >&2
$py -m pytest -n "$workers" --dist load \
    --cov --cov-report=term-missing:skip-covered "$@"
