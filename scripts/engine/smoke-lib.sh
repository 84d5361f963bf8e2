# shellcheck shell=bash
# The harness of scripts/ENGINE/smoke.sh: finds the node, gives the checks a
# scratch index ($index) and helpers, counts failures. Sourced, never executed.
# Each smoke.sh calls smoke_init ENGINE [URL], then its checks, then
# smoke_finish.

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

# Without a URL, the node recorded in the engine's state file (e.g.
# $OPENSEARCH_STATE, else the default state file).
smoke_init() {
  local state
  engine_load "$1"
  url=${2:-}
  if [[ -z "$url" ]]; then
    state=$(engine_setting STATE "$ENGINE_DEFAULT_STATE")
    [[ -f "$state" ]] || engine_die "no URL given and no state file at $state"
    url=$(engine_state_get "$state" url) || engine_die "no url in $state"
  fi
  curl -fsS --max-time 10 -o /dev/null "$url/_cluster/health" || engine_die "no $ENGINE_TITLE answering at $url"
  index="smoke-$$-$RANDOM"
  failures=0
  trap 'req DELETE "/$index" >/dev/null 2>&1 || true' EXIT
}

# METHOD PATH [BODY]: the answer's body.
req() {
  local method=$1 path=$2 data=()
  if [[ $# -ge 3 ]]; then data=(--data-binary "$3"); fi
  curl -sS --max-time 30 -X "$method" -H 'Content-Type: application/json' \
    "${data[@]}" "$url$path"
}

# WHAT OUTPUT NEEDLE: passes when NEEDLE is in OUTPUT.
check() {
  local what=$1 out=$2 needle=$3
  if [[ "$out" == *"$needle"* ]]; then
    engine_log "ok: $what"
  else
    engine_log "FAIL: $what: expected $needle in: ${out:0:400}"
    failures=$((failures + 1))
  fi
}

# The answer of an _analyze call on the scratch index.
analyze() {
  req POST "/$index/_analyze" "$1"
}

# The tokens of an _analyze call, space-separated, for exact comparisons.
tokens() {
  req POST "/$index/_analyze?filter_path=tokens.token" "$1" |
    python3 -c 'import json, sys; print(" ".join(t["token"] for t in json.load(sys.stdin).get("tokens", [])))'
}

# WHAT BODY TOKENS: passes when the _analyze call gives exactly TOKENS.
check_tokens() {
  local what=$1 body=$2 want=$3 got
  got=$(tokens "$body")
  if [[ "$got" == "$want" ]]; then
    engine_log "ok: $what"
  else
    engine_log "FAIL: $what: expected tokens [$want], got [$got]"
    failures=$((failures + 1))
  fi
}

# The modules the assembly added, and the transport both engines ship.
check_modules() {
  local out module
  out=$(req GET "/_nodes/plugins?filter_path=nodes.*.modules.name")
  for module in "${ENGINE_MODULES[@]}" transport-netty4; do
    check "module $module loaded" "$out" "\"name\":\"$module\""
  done
}

smoke_finish() {
  if ((failures > 0)); then
    engine_die "$failures smoke check(s) failed against $url"
  fi
  engine_log "all smoke checks passed against $url"
}
