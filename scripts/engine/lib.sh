# shellcheck shell=bash
# Shared settings and helpers for assemble.sh, start.sh and stop.sh.
# Sourced, never executed: it only defines variables and functions.
# shellcheck disable=SC2034  # variables are used by the scripts sourcing this

OPENSEARCH_VERSION=2.19.6
# Bump when the assembly recipe changes, so caches built by an older recipe
# are rebuilt instead of silently reused.
OPENSEARCH_RECIPE_REV=1

OS_SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
# The repo root is derived from where the scripts live, so any clone (CI
# clones into another folder) gets its own cache.
OS_REPO_ROOT=$(cd -- "$OS_SCRIPT_DIR/../.." && pwd -P)
OS_CACHE_ROOT="$OS_REPO_ROOT/.cache"
OS_NODE_DIR="${OPENSEARCH_NODE_DIR:-$OS_CACHE_ROOT/opensearch-$OPENSEARCH_VERSION}"
OS_MARKER_NAME=.assembled
OS_DEFAULT_STATE="$OS_CACHE_ROOT/opensearch.state"

os_log() {
  printf '[opensearch] %s\n' "$*" >&2
}

os_die() {
  printf '[opensearch] ERROR: %s\n' "$*" >&2
  exit 1
}

os_marker_content() {
  printf 'version=%s\nrecipe=%s\n' "$OPENSEARCH_VERSION" "$OPENSEARCH_RECIPE_REV"
}

# True when the cached node was completely built by the current recipe; the
# marker is written last, so a half-built tree never passes.
os_node_is_assembled() {
  local marker="$OS_NODE_DIR/$OS_MARKER_NAME"
  [[ -f "$marker" ]] && [[ "$(cat -- "$marker")" == "$(os_marker_content)" ]]
}

# A JDK home for the node: the distribution used here bundles none.
os_java_home() {
  local java_bin home
  if [[ -n "${OPENSEARCH_JAVA_HOME:-}" ]]; then
    printf '%s\n' "$OPENSEARCH_JAVA_HOME"
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
os_proc_running() {
  local pid=$1 st
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  st=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$pid/status" 2>/dev/null) || return 1
  [[ -n "$st" && "$st" != Z ]]
}

# True if the process is running and is an OpenSearch node (or its launcher,
# before it execs the JVM), which guards against signalling an unrelated
# process that reused a stale pid.
os_pid_is_node() {
  local pid=$1 cmdline
  os_proc_running "$pid" || return 1
  # Read into a variable rather than piping to grep -q: an early grep exit
  # would SIGPIPE the reader and, under pipefail, report a live node as dead.
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
  [[ "$cmdline" == *org.opensearch.bootstrap.OpenSearch* || "$cmdline" == */bin/opensearch\ -E* ]]
}

# start.sh launches the node with setsid, so it leads its own process group;
# signalling the group also reaches the short-lived helper JVMs that the
# launcher runs before it execs the node.
os_signal_node() {
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
os_state_get() {
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
os_stop_node() {
  local pid=$1 run_dir=$2 grace=${3:-30} trusted=${4:-0} i
  if [[ "$pid" =~ ^[0-9]+$ ]] && { [[ "$trusted" == 1 ]] && os_proc_running "$pid" || os_pid_is_node "$pid"; }; then
    os_signal_node TERM "$pid"
    for ((i = 0; i < grace * 5; i++)); do
      os_proc_running "$pid" || break
      sleep 0.2
    done
    if os_proc_running "$pid"; then
      os_log "node (pid $pid) ignored SIGTERM for ${grace}s; sending SIGKILL"
      os_signal_node KILL "$pid"
      for ((i = 0; i < 50; i++)); do
        os_proc_running "$pid" || break
        sleep 0.1
      done
    fi
  fi
  # The marker proves the folder was made by start.sh, so a corrupted state
  # file can never make us delete an arbitrary path.
  if [[ -n "$run_dir" && -f "$run_dir/.opensearch-run" ]]; then
    rm -rf -- "$run_dir"
  fi
}
