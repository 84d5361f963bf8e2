#!/usr/bin/env bash
# `make run-full`: the portal as production runs it, on this machine.
#
# PostgreSQL, Redis (the shared cache), the search engine (OpenSearch; Elasticsearch with
# PORTAL_SEARCH_ENGINE=elasticsearch), S3-compatible object storage for media (s3s-fs)
# and an SMTP server on loopback, the production settings, the demo content loaded
# and indexed before the first request, PORTAL_INSTANCES app instances (gunicorn, 1
# by default) behind nginx as the load balancer and edge cache of public pages on
# PORT, and the django-tasks worker running. A service that dies (an instance, nginx,
# the worker, the SMTP server) is reported and restarted while the others keep
# serving; nginx passes requests to the instances still up meanwhile. Ctrl-C or
# SIGTERM stops every one of them.
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
scripts/ensure-packages.sh "$jdk" nginx libnginx-mod-http-cache-purge
port=${PORT:-8000}
instances=${PORTAL_INSTANCES:-1}
if ! [[ $instances =~ ^[1-9][0-9]*$ ]]; then
    echo "run-full: PORTAL_INSTANCES must be a number of 1 or more, not '$instances'" >&2
    exit 2
fi

state_dir=$(mktemp -d)
export POSTGRES_STATE=$state_dir/postgres.state OPENSEARCH_STATE=$state_dir/opensearch.state
export ELASTICSEARCH_STATE=$state_dir/elasticsearch.state REDIS_STATE=$state_dir/redis.state
export S3_STATE=$state_dir/s3.state
# nginx runs as www-data when this runs as root: it must reach its folder in here.
chmod 711 "$state_dir"
stopping=$state_dir/stopping
pids=()
cleanup() {
    # A second Ctrl-C must not cut the clean-up short and leave services behind.
    trap '' INT TERM
    trap - EXIT
    touch "$stopping"
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    "scripts/$engine/stop.sh" || true
    scripts/redis/stop.sh || true
    scripts/s3/stop.sh || true
    scripts/postgres/stop.sh || true
    rm -rf "$state_dir"
    echo "run-full: everything stopped" >&2
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# supervise NAME COMMAND...: runs COMMAND in the background and starts it again when
# it exits, after a pause that doubles (up to a minute) while it keeps failing fast,
# so that one dead service does not take the others down. TERM stops it and COMMAND.
supervise() {
    local name=$1
    shift
    (
        child= restarting=
        trap 'kill $child 2>/dev/null; wait $child 2>/dev/null; exit 0' TERM
        pause=1
        while true; do
            started=$SECONDS
            "$@" &
            child=$!
            [[ -z $restarting ]] || echo "run-full: $name restarted (pid $child)" >&2
            wait $child && status=0 || status=$?
            # Ctrl-C reaches the services too; then the script is stopping them all.
            [[ -e $stopping ]] && exit 0
            if ((SECONDS - started >= 60)); then pause=1; fi
            echo "run-full: $name (pid $child) exited with status $status;" \
                "restarting it in ${pause}s" >&2
            sleep $pause &
            child=$!
            wait $child
            pause=$((pause * 2 > 60 ? 60 : pause * 2)) restarting=yes
        done
    ) &
    pids+=($!)
}

DATABASE_URL=$(scripts/postgres/start.sh)
PORTAL_CACHE_URL=$(scripts/redis/start.sh)
PORTAL_MEDIA_S3_ENDPOINT_URL=$(scripts/s3/start.sh)
# In a subshell: the state file also sets `port`, the store's, not the portal's.
s3_value() { (
    # shellcheck disable=SC1090
    source "$S3_STATE"
    echo "${!1}"
); }
export PORTAL_MEDIA_S3_ENDPOINT_URL PORTAL_MEDIA_S3_BUCKET=$(s3_value bucket)
PORTAL_MEDIA_S3_ACCESS_KEY=$(s3_value access_key)
PORTAL_MEDIA_S3_SECRET_KEY=$(s3_value secret_key)
export PORTAL_MEDIA_S3_ACCESS_KEY PORTAL_MEDIA_S3_SECRET_KEY
PORTAL_SEARCH_URL=$("scripts/$engine/start.sh")
smtp_port=$(free_port)
# A local mail server that prints every message, so nothing leaves the machine.
# Mail that cannot be sent meanwhile is retried by the worker (contact/mail.py).
supervise "SMTP server" $py -m aiosmtpd -n -c aiosmtpd.handlers.Debugging stdout \
    -l "127.0.0.1:$smtp_port"

export DATABASE_URL PORTAL_CACHE_URL PORTAL_SEARCH_URL
export DJANGO_SETTINGS_MODULE=portal.settings.production
export PORTAL_SEARCH_BACKEND=${PORTAL_SEARCH_BACKEND:-$search_backend}
SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')
export SECRET_KEY
export ALLOWED_HOSTS=localhost,127.0.0.1
export PORTAL_BASE_URL=http://localhost:$port
# The site's host name (PORTAL_BASE_URL's): the only one nginx's edge cache keeps.
export EDGE_CACHE_HOSTS=localhost
export EMAIL_HOST=127.0.0.1 EMAIL_PORT=$smtp_port EMAIL_USE_TLS=false
# No TLS on loopback; browsers accept secure cookies from localhost regardless.
export SECURE_SSL_REDIRECT=false
# The instances see every request from nginx, which appends the client's address.
export PORTAL_TRUSTED_PROXY_HEADER=X-Forwarded-For PORTAL_TRUSTED_PROXY_COUNT=1
$py manage.py migrate --noinput -v0
$py manage.py collectstatic --noinput -v0
$py manage.py load_demo_content
$py manage.py update_index

# nginx keeps public pages (its edge cache); a change purges them there with an HTTP
# PURGE from loopback. Set after the seed: nginx, started below, holds nothing yet.
export PORTAL_FRONTEND_CACHE_PURGE_URL=http://127.0.0.1:$port

supervise worker $py manage.py db_worker
$py manage.py create_dev_users --local-production >/dev/null
# Each instance is a gunicorn of its own on its own port, sharing nothing with the
# others but PostgreSQL, Redis, the search engine and the object store. nginx is the
# load balancer even for one instance, so that one topology is run and documented.
upstreams=()
for ((n = 1; n <= instances; n++)); do
    instance_port=$(free_port)
    upstreams+=("$instance_port")
    supervise "instance $n" $py -m gunicorn portal.wsgi:application \
        --bind "127.0.0.1:$instance_port" --workers 2 --access-logfile - \
        --access-logformat "instance $n %(h)s %(r)s %(s)s %(b)s"
done
# An instance gets traffic once it is ready (database, cache and storage answer).
for instance_port in "${upstreams[@]}"; do
    for _ in $(seq 600); do
        python3 -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$instance_port/health/ready', timeout=5)" 2>/dev/null && break
        sleep 0.1
    done
done
supervise nginx scripts/nginx/run.sh "$state_dir/nginx" "$port" "${upstreams[@]}"
echo "run-full: serving http://localhost:$port/ through nginx on $instances instance(s)" \
    "(ports ${upstreams[*]}; admin: /admin/, user admin / mee-admin)" >&2
# Until Ctrl-C or SIGTERM: the supervisors do not return on their own.
wait
