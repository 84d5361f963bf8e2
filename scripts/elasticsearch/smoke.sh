#!/usr/bin/env bash
# Proves a running node has what the project relies on: GET / and HEAD / (the
# portal-root module) and every registration of the portal-analysis module,
# each by an _analyze call, then indexing and search through a synonym graph.
# Usage: smoke.sh [URL]; without a URL it uses the node recorded in
# $ELASTICSEARCH_STATE (default state file).
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=../engine/smoke-lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/../engine/smoke-lib.sh"
smoke_init elasticsearch "$@"

out=$(req GET /)
check "GET / names the version" "$out" "\"number\":\"$ENGINE_VERSION\""
check "GET / has the tagline" "$out" '"tagline":"You Know, for Search"'
code=$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -I "$url/")
check "HEAD / answers 200" "$code" 200
check_modules

out=$(req PUT "/$index" '{
  "settings": {
    "index": {"number_of_shards": 1, "number_of_replicas": 0, "max_ngram_diff": 13},
    "analysis": {
      "filter": {
        "nl_stem": {"type": "stemmer", "language": "dutch"},
        "en_stem": {"type": "stemmer", "language": "english"},
        "en_possessive": {"type": "stemmer", "language": "possessive_english"},
        "keep_assen": {"type": "keyword_marker", "keywords": ["assen"]},
        "grams": {"type": "ngram", "min_gram": 4, "max_gram": 15},
        "prefixes": {"type": "edge_ngram", "min_gram": 2, "max_gram": 15},
        "fold_keep": {"type": "asciifolding", "preserve_original": true},
        "syn": {"type": "synonym_graph", "lenient": true,
                "synonyms": ["smw, schoolmaatschappelijk werk", "Cliëntondersteuning, clo"]}
      },
      "tokenizer": {
        "grams_tok": {"type": "ngram", "min_gram": 3, "max_gram": 4},
        "prefix_tok": {"type": "edge_ngram", "min_gram": 2, "max_gram": 4, "side": "front"}
      },
      "analyzer": {
        "nl": {"tokenizer": "standard", "filter": ["lowercase", "asciifolding", "keep_assen", "nl_stem"]},
        "nl_search": {"tokenizer": "standard", "filter": ["lowercase", "asciifolding", "syn", "nl_stem"]}
      }
    }
  },
  "mappings": {"properties": {
    "title": {"type": "text", "analyzer": "nl", "search_analyzer": "nl_search"}
  }}
}')
check "index with the portal's kinds of analysis created" "$out" '"acknowledged":true'

check_tokens "lowercase" '{"tokenizer": "standard", "filter": ["lowercase"], "text": "MEE Groningen"}' "mee groningen"
check_tokens "asciifolding" '{"tokenizer": "standard", "filter": ["asciifolding"], "text": "Cliënt café"}' "Client cafe"
check_tokens "asciifolding preserve_original" '{"tokenizer": "standard", "filter": ["fold_keep"], "text": "cliënt"}' "client cliënt"
check_tokens "stemmer dutch" '{"tokenizer": "standard", "filter": ["nl_stem"], "text": "ondersteuning ondersteunen"}' "ondersteun ondersteun"
check_tokens "stemmer english" '{"tokenizer": "standard", "filter": ["en_stem"], "text": "supporting pupils"}' "support pupil"
check_tokens "stemmer possessive_english" '{"tokenizer": "standard", "filter": ["en_possessive"], "text": "school'"'"'s"}' "school"
check_tokens "keyword_marker" '{"analyzer": "nl", "text": "assen lessen"}' "assen less"
check_tokens "ngram filter" '{"tokenizer": "standard", "filter": ["grams"], "text": "hulp"}' "hulp"
check_tokens "ngram filter (longer word)" '{"tokenizer": "standard", "filter": ["grams"], "text": "vroeg"}' "vroe vroeg roeg"
check_tokens "edge_ngram filter" '{"tokenizer": "standard", "filter": ["prefixes"], "text": "mee"}' "me mee"
check_tokens "ngram tokenizer" '{"tokenizer": "grams_tok", "text": "abcd"}' "abc abcd bcd"
check_tokens "edge_ngram tokenizer" '{"tokenizer": "prefix_tok", "text": "abcde"}' "ab abc abcd"
check_tokens "synonym_graph (rules analysed by the chain before it)" '{"analyzer": "nl_search", "text": "smw"}' "schoolmaatschapp smw werk"
check_tokens "synonym_graph (folded rule)" '{"analyzer": "nl_search", "text": "clo"}' "clientondersteun clo"
check_tokens "stop (server) with _dutch_" '{"tokenizer": "standard", "filter": [{"type": "stop", "stopwords": "_dutch_"}], "text": "de school"}' "school"

out=$(req PUT "/$index-bad" '{"settings": {"analysis": {"filter": {"g": {"type": "ngram", "min_gram": 1, "max_gram": 9}}}}}')
check "ngram refuses a diff above index.max_ngram_diff" "$out" 'max_ngram_diff'
req DELETE "/$index-bad" >/dev/null 2>&1 || true

out=$(req PUT "/$index/_doc/1?refresh=true" '{"title": "Schoolmaatschappelijk werk voor leerlingen"}')
check "index a document" "$out" '"result":"created"'
out=$(req POST "/$index/_search?filter_path=hits.hits._id" '{"query": {"match": {"title": "smw"}}}')
check "search via synonym" "$out" '"_id":"1"'

smoke_finish
