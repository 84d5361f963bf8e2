# shellcheck shell=bash
# Settings and helpers shared by the engine scripts (assemble.sh, start.sh,
# stop.sh, smoke-lib.sh). Sourced, never executed: it only defines variables
# and functions. engine_load NAME then reads scripts/NAME/engine.sh, which
# declares what that engine does differently.
# shellcheck disable=SC2034  # variables are used by the scripts sourcing this

ENGINE_LIB_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
# The repo root is derived from where the scripts live, so any clone (CI
# clones into another folder) gets its own cache.
ENGINE_REPO_ROOT=$(cd -- "$ENGINE_LIB_DIR/../.." && pwd -P)
ENGINE_CACHE_ROOT="$ENGINE_REPO_ROOT/.cache"
ENGINE_MARKER_NAME=.assembled
ENGINE_NAME=engine

engine_log() {
  printf '[%s] %s\n' "$ENGINE_NAME" "$*" >&2
}

engine_die() {
  printf '[%s] ERROR: %s\n' "$ENGINE_NAME" "$*" >&2
  exit 1
}

# Reads scripts/NAME/engine.sh and derives the paths every script uses.
engine_load() {
  local name=$1
  if [[ ! "$name" =~ ^[a-z][a-z0-9-]*$ || ! -f "$ENGINE_REPO_ROOT/scripts/$name/engine.sh" ]]; then
    engine_die "unknown engine '$name': expected the name of a folder scripts/NAME/ with an engine.sh"
  fi
  ENGINE_NAME=$name
  ENGINE_DIR="$ENGINE_REPO_ROOT/scripts/$name"
  # shellcheck source=/dev/null  # each engine's file is checked on its own
  source "$ENGINE_DIR/engine.sh"
  ENGINE_NODE_DIR=$(engine_setting NODE_DIR "$ENGINE_CACHE_ROOT/$name-$ENGINE_VERSION")
  ENGINE_DEFAULT_STATE="$ENGINE_CACHE_ROOT/$name.state"
}

# The caller's setting <ENGINE_ENV>_KEY (e.g. OPENSEARCH_STATE), else DEFAULT.
engine_setting() {
  local var="${ENGINE_ENV}_$1"
  printf '%s\n' "${!var:-$2}"
}

engine_marker_content() {
  printf 'version=%s\nrecipe=%s\n' "$ENGINE_VERSION" "$ENGINE_RECIPE_REV"
  if declare -F engine_recipe_extra >/dev/null; then
    engine_recipe_extra
  fi
}

# True when the cached node was completely built by the current recipe; the
# marker is written last, so a half-built tree never passes.
engine_node_is_assembled() {
  local marker="$ENGINE_NODE_DIR/$ENGINE_MARKER_NAME"
  [[ -f "$marker" ]] && [[ "$(cat -- "$marker")" == "$(engine_marker_content)" ]]
}

# A JDK home for the node: the distributions used here bundle none.
engine_java_home() {
  local java_bin home own
  own=$(engine_setting JAVA_HOME "")
  if [[ -n "$own" ]]; then
    printf '%s\n' "$own"
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
engine_proc_running() {
  local pid=$1 st
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  st=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$pid/status" 2>/dev/null) || return 1
  [[ -n "$st" && "$st" != Z ]]
}

# True if the process is running and its command line is one of the engine's
# (ENGINE_PROCESS_PATTERNS: the node, its launcher, the shell script before it
# execs), which guards against signalling an unrelated process that reused a
# stale pid.
engine_pid_is_node() {
  local pid=$1 cmdline pattern
  engine_proc_running "$pid" || return 1
  # Read into a variable rather than piping to grep -q: an early grep exit
  # would SIGPIPE the reader and, under pipefail, report a live node as dead.
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
  for pattern in "${ENGINE_PROCESS_PATTERNS[@]}"; do
    # shellcheck disable=SC2053  # the pattern is a glob on purpose
    [[ "$cmdline" == $pattern ]] && return 0
  done
  return 1
}

# start.sh launches the node with setsid, so the launched process leads its
# own process group; signalling the group also reaches the JVMs it runs
# (OpenSearch's short-lived helpers, Elasticsearch's server).
engine_signal_node() {
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
engine_state_get() {
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
# trusted=1 the pid is the caller's own child, so its identity needs no
# check (the launcher may not have exec'd the JVM yet).
engine_stop_node() {
  local pid=$1 run_dir=$2 grace=${3:-30} trusted=${4:-0} i
  if [[ "$pid" =~ ^[0-9]+$ ]] && { [[ "$trusted" == 1 ]] && engine_proc_running "$pid" || engine_pid_is_node "$pid"; }; then
    engine_signal_node TERM "$pid"
    for ((i = 0; i < grace * 5; i++)); do
      engine_proc_running "$pid" || break
      sleep 0.2
    done
    if engine_proc_running "$pid"; then
      engine_log "node (pid $pid) ignored SIGTERM for ${grace}s; sending SIGKILL"
      engine_signal_node KILL "$pid"
      for ((i = 0; i < 50; i++)); do
        engine_proc_running "$pid" || break
        sleep 0.1
      done
    fi
  fi
  # The marker proves the folder was made by start.sh, so a corrupted state
  # file can never make us delete an arbitrary path.
  if [[ -n "$run_dir" && -f "$run_dir/.$ENGINE_NAME-run" ]]; then
    rm -rf -- "$run_dir"
  fi
}
