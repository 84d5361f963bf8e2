#!/usr/bin/env bash
# `make run-full`: the portal as production runs it, on this machine.
#
# PostgreSQL, the search engine (OpenSearch; Elasticsearch with
# PORTAL_SEARCH_ENGINE=elasticsearch) and an SMTP server on loopback, the production
# settings, the demo content loaded and indexed before the first request, gunicorn
# serving and the django-tasks worker running. Ctrl-C or SIGTERM stops every one of
# them.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
py=.venv/bin/python

engine=${PORTAL_SEARCH_ENGINE:-opensearch}
# Both engines run on the system JDK; Elasticsearch's own modules are compiled with it.
case $engine in
    opensearch) search_backend=opensearch2 jdk=openjdk-17-jre-headless ;;
    elasticsearch) search_backend=elasticsearch8 jdk=openjdk-17-jdk-headless ;;
    *)
        echo "run-full: PORTAL_SEARCH_ENGINE must be opensearch or elasticsearch," \
            "not '$engine'" >&2
        exit 2
        ;;
esac
scripts/ensure-packages.sh "$jdk"
port=${PORT:-8000}

state_dir=$(mktemp -d)
export POSTGRES_STATE=$state_dir/postgres.state OPENSEARCH_STATE=$state_dir/opensearch.state
export ELASTICSEARCH_STATE=$state_dir/elasticsearch.state
pids=()
cleanup() {
    trap - EXIT INT TERM
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    "scripts/$engine/stop.sh" || true
    scripts/postgres/stop.sh || true
    rm -rf "$state_dir"
    echo "run-full: everything stopped" >&2
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

DATABASE_URL=$(scripts/postgres/start.sh)
PORTAL_SEARCH_URL=$("scripts/$engine/start.sh")
smtp_port=$(free_port)
# A local mail server that prints every message, so nothing leaves the machine.
$py -m aiosmtpd -n -c aiosmtpd.handlers.Debugging stdout -l "127.0.0.1:$smtp_port" &
pids+=($!)

export DATABASE_URL PORTAL_SEARCH_URL
export DJANGO_SETTINGS_MODULE=portal.settings.production
export PORTAL_SEARCH_BACKEND=${PORTAL_SEARCH_BACKEND:-$search_backend}
SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')
export SECRET_KEY
export ALLOWED_HOSTS=localhost,127.0.0.1
export PORTAL_BASE_URL=http://localhost:$port
export EMAIL_HOST=127.0.0.1 EMAIL_PORT=$smtp_port EMAIL_USE_TLS=false
# No TLS on loopback; browsers accept secure cookies from localhost regardless.
export SECURE_SSL_REDIRECT=false
export MEDIA_ROOT=$state_dir/media

$py manage.py migrate --noinput -v0
$py manage.py createcachetable
$py manage.py collectstatic --noinput -v0
$py manage.py load_demo_content
$py manage.py update_index

$py manage.py db_worker &
pids+=($!)
echo "run-full: serving http://localhost:$port/ (admin: /admin/, user admin / mee-admin)" >&2
$py manage.py create_dev_users --local-production >/dev/null
$py -m gunicorn portal.wsgi:application --bind "127.0.0.1:$port" --workers 2 --access-logfile - &
pids+=($!)
wait -n
