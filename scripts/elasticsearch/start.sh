#!/usr/bin/env bash
# Starts a throwaway single-node Elasticsearch on loopback and waits until it is
# healthy. Prints only its URL on stdout, so callers can do
#   ELASTICSEARCH_URL=$(scripts/elasticsearch/start.sh)
# and writes a state file that stop.sh uses to shut it down.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

STATE_FILE=${ELASTICSEARCH_STATE:-$ES_DEFAULT_STATE}
START_TIMEOUT=${ELASTICSEARCH_START_TIMEOUT:-120}
HEAP=${ELASTICSEARCH_HEAP:-512m}
NODE_USER=${ELASTICSEARCH_USER:-elasticsearch}
# A range lets Elasticsearch itself bind the first free port, which cannot race
# with another process the way probing for a free port and then binding can.
HTTP_PORT=${ELASTICSEARCH_PORT:-9200-9299}

[[ "$HTTP_PORT" =~ ^[0-9]+(-[0-9]+)?$ ]] || es_die "ELASTICSEARCH_PORT must be a port or a range like 9200-9299, got '$HTTP_PORT'"
[[ "$START_TIMEOUT" =~ ^[0-9]+$ ]] || es_die "ELASTICSEARCH_START_TIMEOUT must be a number of seconds"
[[ "$HEAP" =~ ^[0-9]+[mMgG]$ ]] || es_die "ELASTICSEARCH_HEAP must look like 512m or 1g, got '$HEAP'"
command -v curl >/dev/null || es_die "curl is required to check the node's health"

# A live node recorded in this state file would be orphaned by a second start.
if [[ -f "$STATE_FILE" ]]; then
  old_pid=$(es_state_get "$STATE_FILE" pid || true)
  old_run=$(es_state_get "$STATE_FILE" run_dir || true)
  if es_pid_is_node "$old_pid"; then
    old_url=$(es_state_get "$STATE_FILE" url || true)
    es_die "Elasticsearch is already running (pid $old_pid, ${old_url:-URL unknown}) per $STATE_FILE; run stop.sh first or set ELASTICSEARCH_STATE to another file"
  fi
  es_log "removing stale state file $STATE_FILE (its node is gone)"
  es_stop_node "" "$old_run"
  rm -f -- "$STATE_FILE"
fi

node_home=$("$ES_SCRIPT_DIR/assemble.sh") || es_die "Elasticsearch did not start: assembly failed"
java_home=$(es_java_home) || es_die "no Java found: install a JDK (11+) or set ELASTICSEARCH_JAVA_HOME"

# Elasticsearch refuses to run as root, so as root we drop to a system user.
run_as=()
if [[ $EUID -eq 0 ]]; then
  [[ "$NODE_USER" != root ]] || es_die "ELASTICSEARCH_USER cannot be root: Elasticsearch refuses to run as root"
  if ! id -u "$NODE_USER" >/dev/null 2>&1; then
    es_log "creating system user '$NODE_USER'"
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin "$NODE_USER" || es_die "could not create user '$NODE_USER'"
  fi
  command -v setpriv >/dev/null || es_die "setpriv (util-linux) is required to drop root privileges"
  node_uid=$(id -u "$NODE_USER")
  node_gid=$(id -g "$NODE_USER")
  # setpriv execs rather than forking, so the pid we record is the node's.
  run_as=(setpriv "--reuid=$node_uid" "--regid=$node_gid" --init-groups --)
else
  node_uid=$(id -u)
  node_gid=$(id -g)
fi

as_node_user() {
  "${run_as[@]}" "$@"
}

# The run dir must be reachable by the node user; a private TMPDIR is not.
run_base=${TMPDIR:-/tmp}
if [[ ! -d "$run_base" ]] || ! as_node_user test -w "$run_base" -a -x "$run_base"; then
  run_base=/tmp
fi
run_dir=$(mktemp -d "$run_base/elasticsearch-run.XXXXXX")
touch "$run_dir/.elasticsearch-run"
mkdir -p "$run_dir"/{data,logs,tmp}

pid=""
ready=0
on_exit() {
  local rc=$?
  if [[ $ready -ne 1 ]]; then
    es_stop_node "$pid" "$run_dir" 10 1
    # Only drop the state file if it still describes this attempt.
    if [[ -f "$STATE_FILE" && "$(es_state_get "$STATE_FILE" run_dir || true)" == "$run_dir" ]]; then
      rm -f -- "$STATE_FILE"
    fi
  fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

fail() {
  local log="$run_dir/logs/console.log"
  if [[ -s "$log" ]]; then
    printf '[elasticsearch] ---- last 50 lines of %s ----\n' "$log" >&2
    tail -n 50 -- "$log" >&2 || true
    printf '[elasticsearch] ---- end of log ----\n' >&2
  fi
  es_die "Elasticsearch did not start: $*"
}

# The cache may sit under folders the node user cannot enter (e.g. a clone
# under /root). Hard links give it a reachable path to the same files for
# free; a copy is the fallback across filesystems.
V=$ELASTICSEARCH_VERSION
if ! as_node_user test -r "$node_home/lib/elasticsearch-$V.jar" -a -x "$node_home/bin/elasticsearch" \
    -a -r "$node_home/modules/portal-analysis/plugin-descriptor.properties"; then
  es_log "user '$NODE_USER' cannot read $node_home; linking it into $run_dir/home"
  cp -al -- "$node_home" "$run_dir/home" 2>/dev/null || {
    rm -rf -- "${run_dir:?}/home"
    cp -a -- "$node_home" "$run_dir/home"
  }
  node_home="$run_dir/home"
fi
as_node_user test -x "$java_home/bin/java" || fail "user '$NODE_USER' cannot run $java_home/bin/java"

# A per-run config dir: Elasticsearch writes its keystore there. The stock
# jvm.options names GC and crash logs relative to the server's working
# directory, which Elasticsearch sets to path.logs, so they land in the run
# folder as they are.
cp -R -- "$node_home/config" "$run_dir/config"
# Not recursive over the run dir: chown on a hard-linked home would change
# the owner of the cached files themselves.
chown "$node_uid:$node_gid" "$run_dir" "$run_dir/.elasticsearch-run"
chown -R "$node_uid:$node_gid" "$run_dir"/{data,logs,tmp,config}
as_node_user test -w "$run_dir/data" || fail "user '$NODE_USER' cannot write to $run_dir"

write_state() {
  local tmp="$STATE_FILE.tmp.$$"
  mkdir -p -- "$(dirname -- "$STATE_FILE")"
  {
    printf 'pid=%s\n' "$pid"
    printf 'port=%s\n' "${port:-}"
    printf 'url=%s\n' "${url:-}"
    printf 'run_dir=%s\n' "$run_dir"
    printf 'home=%s\n' "$node_home"
  } >"$tmp"
  mv -f -- "$tmp" "$STATE_FILE"
}

es_log "starting Elasticsearch $V (user $NODE_USER, run dir $run_dir)"
started=$SECONDS
# env -i: the node sees only what it needs, not whatever the caller (CI,
# make) exported. setsid: a Ctrl-C aimed at the caller must not reach it.
env -i \
  PATH=/usr/local/bin:/usr/bin:/bin \
  HOME="$run_dir" \
  LANG=C.UTF-8 \
  ES_JAVA_HOME="$java_home" \
  ES_PATH_CONF="$run_dir/config" \
  ES_TMPDIR="$run_dir/tmp" \
  ES_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP" \
  setsid "${run_as[@]}" "$node_home/bin/elasticsearch" \
  -Ecluster.name=elasticsearch-local \
  -Enode.name=local \
  -Ediscovery.type=single-node \
  -Enetwork.host=127.0.0.1 \
  -Ehttp.port="$HTTP_PORT" \
  -Epath.data="$run_dir/data" \
  -Epath.logs="$run_dir/logs" \
  -Enode.portsfile=true \
  -Ebootstrap.memory_lock=false \
  -Ecluster.routing.allocation.disk.threshold_enabled=false \
  -Expack.security.enabled=false \
  -p "$run_dir/elasticsearch.pid" \
  </dev/null >"$run_dir/logs/console.log" 2>&1 &
pid=$!
# Recorded before waiting, so stop.sh can clean up even if this script is
# killed while the node boots.
port=""
url=""
write_state

deadline=$((SECONDS + START_TIMEOUT))
while :; do
  if ! es_proc_running "$pid"; then
    # The JVM reports fatal start-up errors as "SomeException[message]".
    cause=$(grep -m 1 -E '^[A-Za-z.]*(Exception|Error)\[' "$run_dir/logs/console.log" 2>/dev/null | cut -c 1-300 || true)
    fail "the process exited during start-up${cause:+: $cause}"
  fi
  if [[ -z "$port" && -s "$run_dir/logs/http.ports" ]]; then
    port=$(sed -n 's/^127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$run_dir/logs/http.ports" | head -n 1)
    if [[ -n "$port" ]]; then
      url="http://127.0.0.1:$port"
      write_state
    fi
  fi
  if [[ -n "$port" ]] &&
    curl -fsS --max-time 10 -o /dev/null \
      "$url/_cluster/health?wait_for_status=yellow&timeout=5s" 2>/dev/null; then
    break
  fi
  if ((SECONDS >= deadline)); then
    if [[ -z "$port" ]]; then
      fail "no HTTP port was bound within ${START_TIMEOUT}s"
    fi
    fail "cluster health did not reach yellow at $url within ${START_TIMEOUT}s"
  fi
  sleep 0.5
done

# The recorded pid stays the launcher's: it leads the process group that
# holds the server JVM (whose pid is in elasticsearch.pid), so stopping the
# group stops both.
ready=1
es_log "Elasticsearch is up at $url (pid $pid) after $((SECONDS - started))s; state in $STATE_FILE"
printf '%s\n' "$url"
