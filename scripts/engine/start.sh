#!/usr/bin/env bash
# Usage: start.sh ENGINE (scripts/ENGINE/start.sh passes it). Starts a
# throwaway single-node search engine on loopback and waits until it is
# healthy. Prints only its URL on stdout, so callers can do
#   OPENSEARCH_URL=$(scripts/opensearch/start.sh)
# and writes a state file that stop.sh uses to shut it down.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
engine_load "${1:-}"

P=$ENGINE_ENV
STATE_FILE=$(engine_setting STATE "$ENGINE_DEFAULT_STATE")
START_TIMEOUT=$(engine_setting START_TIMEOUT 120)
HEAP=$(engine_setting HEAP 512m)
NODE_USER=$(engine_setting USER "$ENGINE_NAME")
# A range lets the node itself bind the first free port, which cannot race
# with another process the way probing for a free port and then binding can.
HTTP_PORT=$(engine_setting PORT "$ENGINE_DEFAULT_PORT")

[[ "$HTTP_PORT" =~ ^[0-9]+(-[0-9]+)?$ ]] || engine_die "${P}_PORT must be a port or a range like 9200-9299, got '$HTTP_PORT'"
[[ "$START_TIMEOUT" =~ ^[0-9]+$ ]] || engine_die "${P}_START_TIMEOUT must be a number of seconds"
[[ "$HEAP" =~ ^[0-9]+[mMgG]$ ]] || engine_die "${P}_HEAP must look like 512m or 1g, got '$HEAP'"
command -v curl >/dev/null || engine_die "curl is required to check the node's health"

# A live node recorded in this state file would be orphaned by a second start.
if [[ -f "$STATE_FILE" ]]; then
  old_pid=$(engine_state_get "$STATE_FILE" pid || true)
  old_run=$(engine_state_get "$STATE_FILE" run_dir || true)
  if engine_pid_is_node "$old_pid"; then
    old_url=$(engine_state_get "$STATE_FILE" url || true)
    engine_die "$ENGINE_TITLE is already running (pid $old_pid, ${old_url:-URL unknown}) per $STATE_FILE; run stop.sh first or set ${P}_STATE to another file"
  fi
  engine_log "removing stale state file $STATE_FILE (its node is gone)"
  engine_stop_node "" "$old_run"
  rm -f -- "$STATE_FILE"
fi

node_home=$("$ENGINE_LIB_DIR/assemble.sh" "$ENGINE_NAME") || engine_die "$ENGINE_TITLE did not start: assembly failed"
java_home=$(engine_java_home) || engine_die "no Java found: install a JDK (11+) or set ${P}_JAVA_HOME"

# Both engines refuse to run as root, so as root we drop to a system user.
run_as=()
if [[ $EUID -eq 0 ]]; then
  [[ "$NODE_USER" != root ]] || engine_die "${P}_USER cannot be root: $ENGINE_TITLE refuses to run as root"
  if ! id -u "$NODE_USER" >/dev/null 2>&1; then
    engine_log "creating system user '$NODE_USER'"
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin "$NODE_USER" || engine_die "could not create user '$NODE_USER'"
  fi
  command -v setpriv >/dev/null || engine_die "setpriv (util-linux) is required to drop root privileges"
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
run_dir=$(mktemp -d "$run_base/$ENGINE_NAME-run.XXXXXX")
touch "$run_dir/.$ENGINE_NAME-run"
mkdir -p "$run_dir"/{data,logs,tmp}

pid=""
ready=0
on_exit() {
  local rc=$?
  if [[ $ready -ne 1 ]]; then
    engine_stop_node "$pid" "$run_dir" 10 1
    # Only drop the state file if it still describes this attempt.
    if [[ -f "$STATE_FILE" && "$(engine_state_get "$STATE_FILE" run_dir || true)" == "$run_dir" ]]; then
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
    engine_log "---- last 50 lines of $log ----"
    tail -n 50 -- "$log" >&2 || true
    engine_log "---- end of log ----"
  fi
  engine_die "$ENGINE_TITLE did not start: $*"
}

# The cache may sit under folders the node user cannot enter (e.g. a clone
# under /root). Hard links give it a reachable path to the same files for
# free; a copy is the fallback across filesystems.
V=$ENGINE_VERSION
readable=(-r "$node_home/lib/$ENGINE_NAME-$V.jar" -a -x "$node_home/bin/$ENGINE_NAME")
for module in "${ENGINE_MODULES[@]}"; do
  readable+=(-a -r "$node_home/modules/$module/plugin-descriptor.properties")
done
if ! as_node_user test "${readable[@]}"; then
  engine_log "user '$NODE_USER' cannot read $node_home; linking it into $run_dir/home"
  cp -al -- "$node_home" "$run_dir/home" 2>/dev/null || {
    rm -rf -- "${run_dir:?}/home"
    cp -a -- "$node_home" "$run_dir/home"
  }
  node_home="$run_dir/home"
fi
as_node_user test -x "$java_home/bin/java" || fail "user '$NODE_USER' cannot run $java_home/bin/java"

# A per-run config dir: the node writes its keystore there. OpenSearch's
# stock jvm.options points GC and crash logs at paths relative to the
# read-only home, so they are moved into this run's folder; Elasticsearch's
# names them relative to the server's working directory, which it sets to
# path.logs, so the rewrite finds nothing to change there.
cp -R -- "$node_home/config" "$run_dir/config"
sed -i \
  -e "s#=logs/#=$run_dir/logs/#g" \
  -e "s#HeapDumpPath=data#HeapDumpPath=$run_dir/data#" \
  -e "s#^-Xms.*#-Xms$HEAP#" \
  -e "s#^-Xmx.*#-Xmx$HEAP#" \
  "$run_dir/config/jvm.options"
if grep -q '=logs/' "$run_dir/config/jvm.options"; then
  fail "could not redirect log paths in jvm.options"
fi
# Not recursive over the run dir: chown on a hard-linked home would change
# the owner of the cached files themselves.
chown "$node_uid:$node_gid" "$run_dir" "$run_dir/.$ENGINE_NAME-run"
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

engine_log "starting $ENGINE_TITLE $V (user $NODE_USER, run dir $run_dir)"
started=$SECONDS
# env -i: the node sees only what it needs, not whatever the caller (CI,
# make) exported. setsid: a Ctrl-C aimed at the caller must not reach it.
L=$ENGINE_LAUNCH_ENV
env -i \
  PATH=/usr/local/bin:/usr/bin:/bin \
  HOME="$run_dir" \
  LANG=C.UTF-8 \
  "${L}_JAVA_HOME=$java_home" \
  "${L}_PATH_CONF=$run_dir/config" \
  "${L}_TMPDIR=$run_dir/tmp" \
  "${L}_JAVA_OPTS=-Xms$HEAP -Xmx$HEAP" \
  setsid "${run_as[@]}" "$node_home/bin/$ENGINE_NAME" \
  -Ecluster.name="$ENGINE_NAME-local" \
  -Enode.name=local \
  -Ediscovery.type=single-node \
  -Enetwork.host=127.0.0.1 \
  -Ehttp.port="$HTTP_PORT" \
  -Epath.data="$run_dir/data" \
  -Epath.logs="$run_dir/logs" \
  -Enode.portsfile=true \
  -Ebootstrap.memory_lock=false \
  -Ecluster.routing.allocation.disk.threshold_enabled=false \
  "${ENGINE_SETTINGS[@]/#/-E}" \
  -p "$run_dir/$ENGINE_NAME.pid" \
  </dev/null >"$run_dir/logs/console.log" 2>&1 &
# The launched process leads the process group that holds every JVM of the
# node (OpenSearch's script execs its JVM; Elasticsearch's launcher runs the
# server as a child), so this pid is the one stop.sh signals.
pid=$!
# Recorded before waiting, so stop.sh can clean up even if this script is
# killed while the node boots.
port=""
url=""
write_state

deadline=$((SECONDS + START_TIMEOUT))
while :; do
  if ! engine_proc_running "$pid"; then
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

ready=1
engine_log "$ENGINE_TITLE is up at $url (pid $pid) after $((SECONDS - started))s; state in $STATE_FILE"
printf '%s\n' "$url"
