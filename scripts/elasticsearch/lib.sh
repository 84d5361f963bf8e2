# shellcheck shell=bash
# Shared settings and helpers for assemble.sh, start.sh, stop.sh and smoke.sh.
# Sourced, never executed: it only defines variables and functions.
# shellcheck disable=SC2034  # variables are used by the scripts sourcing this

ELASTICSEARCH_VERSION=8.19.5
# Bump when the assembly recipe or the plugins' sources change, so caches built
# by an older recipe are rebuilt instead of silently reused.
ELASTICSEARCH_RECIPE_REV=1

ES_SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
# The repo root is derived from where the scripts live, so any clone gets its
# own cache.
ES_REPO_ROOT=$(cd -- "$ES_SCRIPT_DIR/../.." && pwd -P)
ES_CACHE_ROOT="$ES_REPO_ROOT/.cache"
ES_NODE_DIR="${ELASTICSEARCH_NODE_DIR:-$ES_CACHE_ROOT/elasticsearch-$ELASTICSEARCH_VERSION}"
ES_MARKER_NAME=.assembled
ES_DEFAULT_STATE="$ES_CACHE_ROOT/elasticsearch.state"
# The project's own modules, built from plugins/<dir>/src: dir:module-name:class.
ES_PLUGINS=(
  "analysis:portal-analysis:portal.analysis.PortalAnalysisPlugin"
  "root:portal-root:portal.root.PortalRootPlugin"
)

es_log() {
  printf '[elasticsearch] %s\n' "$*" >&2
}

es_die() {
  printf '[elasticsearch] ERROR: %s\n' "$*" >&2
  exit 1
}

# The plugins' sources are part of the recipe: a changed source rebuilds the
# cache without a manual revision bump.
es_sources_digest() {
  (cd -- "$ES_SCRIPT_DIR/plugins" && find . -type f -name '*.java' -print0 | LC_ALL=C sort -z | xargs -0 sha1sum) | sha1sum | cut -c1-40
}

es_marker_content() {
  printf 'version=%s\nrecipe=%s\nsources=%s\n' "$ELASTICSEARCH_VERSION" "$ELASTICSEARCH_RECIPE_REV" "$(es_sources_digest)"
}

# True when the cached node was completely built by the current recipe; the
# marker is written last, so a half-built tree never passes.
es_node_is_assembled() {
  local marker="$ES_NODE_DIR/$ES_MARKER_NAME"
  [[ -f "$marker" ]] && [[ "$(cat -- "$marker")" == "$(es_marker_content)" ]]
}

# A JDK home for the node: the distribution used here bundles none.
es_java_home() {
  local java_bin home
  if [[ -n "${ELASTICSEARCH_JAVA_HOME:-}" ]]; then
    printf '%s\n' "$ELASTICSEARCH_JAVA_HOME"
    return 0
  fi
  if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
    printf '%s\n' "$JAVA_HOME"
    return 0
  fi
  java_bin=$(command -v java) || return 1
  java_bin=$(readlink -f -- "$java_bin") || return 1
  home=$(dirname -- "$(dirname -- "$java_bin")")
  [[ -x "$home/bin/java" ]] || return 1
  printf '%s\n' "$home"
}

# True while the process exists and has not exited (a zombie has).
es_proc_running() {
  local pid=$1 st
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  st=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$pid/status" 2>/dev/null) || return 1
  [[ -n "$st" && "$st" != Z ]]
}

# True if the process is running and is the node's launcher (the CLI JVM that
# supervises the server JVM, or the shell script before it execs), which guards
# against signalling an unrelated process that reused a stale pid.
es_pid_is_node() {
  local pid=$1 cmdline
  es_proc_running "$pid" || return 1
  # Read into a variable rather than piping to grep -q: an early grep exit
  # would SIGPIPE the reader and, under pipefail, report a live node as dead.
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
  [[ "$cmdline" == *org.elasticsearch.launcher.CliToolLauncher* ||
    "$cmdline" == *org.elasticsearch.bootstrap.Elasticsearch* ||
    "$cmdline" == */bin/elasticsearch\ -E* ]]
}

# start.sh launches the node with setsid, so the launcher leads its own
# process group; signalling the group reaches the server JVM it runs too.
es_signal_node() {
  local sig=$1 pid=$2 stat rest pgrp
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 0
  rest=${stat##*) }
  read -r _ _ pgrp _ <<<"$rest"
  if [[ "$pgrp" == "$pid" ]]; then
    kill "-$sig" -- "-$pid" 2>/dev/null || true
  else
    kill "-$sig" "$pid" 2>/dev/null || true
  fi
}

# Reads KEY=VALUE lines without sourcing, so a damaged state file cannot run
# code. Prints the value of the requested key.
es_state_get() {
  local file=$1 key=$2 k v
  while IFS='=' read -r k v; do
    if [[ "$k" == "$key" ]]; then
      printf '%s\n' "$v"
      return 0
    fi
  done <"$file"
  return 1
}

# Stops the node with this pid and removes its run dir; shared by stop.sh
# and by start.sh when a start fails or finds a stale state file. With
# trusted=1 the pid is the caller's own child, so its identity needs no check.
es_stop_node() {
  local pid=$1 run_dir=$2 grace=${3:-30} trusted=${4:-0} i
  if [[ "$pid" =~ ^[0-9]+$ ]] && { [[ "$trusted" == 1 ]] && es_proc_running "$pid" || es_pid_is_node "$pid"; }; then
    es_signal_node TERM "$pid"
    for ((i = 0; i < grace * 5; i++)); do
      es_proc_running "$pid" || break
      sleep 0.2
    done
    if es_proc_running "$pid"; then
      es_log "node (pid $pid) ignored SIGTERM for ${grace}s; sending SIGKILL"
      es_signal_node KILL "$pid"
      for ((i = 0; i < 50; i++)); do
        es_proc_running "$pid" || break
        sleep 0.1
      done
    fi
  fi
  # The marker proves the folder was made by start.sh, so a corrupted state
  # file can never make us delete an arbitrary path.
  if [[ -n "$run_dir" && -f "$run_dir/.elasticsearch-run" ]]; then
    rm -rf -- "$run_dir"
  fi
}
