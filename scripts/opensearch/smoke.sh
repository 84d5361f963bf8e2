#!/usr/bin/env bash
# Proves a running node has what the project relies on: the analysis-common
# filters and analyzers (Dutch stemming, ascii folding, n-grams, synonyms),
# Painless scripting, indexing and search. Usage: smoke.sh [URL]; without a
# URL it uses the node recorded in $OPENSEARCH_STATE (default state file).
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=../engine/smoke-lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/../engine/smoke-lib.sh"
smoke_init opensearch "$@"
check_modules

out=$(req PUT "/$index" '{
  "settings": {
    "index": {"number_of_shards": 1, "number_of_replicas": 0, "max_ngram_diff": 13},
    "analysis": {
      "filter": {
        "nl_stem": {"type": "stemmer", "language": "dutch"},
        "grams": {"type": "ngram", "min_gram": 2, "max_gram": 15},
        "prefixes": {"type": "edge_ngram", "min_gram": 2, "max_gram": 15},
        "syn": {"type": "synonym_graph", "synonyms": ["wmo, wet maatschappelijke ondersteuning"]}
      },
      "analyzer": {
        "nl": {"tokenizer": "standard", "filter": ["lowercase", "asciifolding", "nl_stem"]},
        "nl_search": {"tokenizer": "standard", "filter": ["lowercase", "asciifolding", "syn", "nl_stem"]},
        "grams": {"tokenizer": "standard", "filter": ["lowercase", "asciifolding", "grams"]},
        "prefixes": {"tokenizer": "standard", "filter": ["lowercase", "asciifolding", "prefixes"]}
      }
    }
  },
  "mappings": {"properties": {
    "title": {"type": "text", "analyzer": "nl", "search_analyzer": "nl_search",
      "fields": {"grams": {"type": "text", "analyzer": "grams", "search_analyzer": "standard"},
                 "en": {"type": "text", "analyzer": "english"}}},
    "views": {"type": "integer"}
  }}
}')
check "index with custom analysis created" "$out" '"acknowledged":true'

out=$(analyze '{"analyzer": "nl", "text": "ondersteuning ondersteunen"}')
check "dutch stemmer (ondersteuning)" "$out" '"token":"ondersteun","start_offset":0'
check "dutch stemmer (ondersteunen)" "$out" '"token":"ondersteun","start_offset":14'
out=$(analyze '{"tokenizer": "standard", "filter": ["lowercase", "asciifolding"], "text": "Cliëntondersteuning"}')
check "asciifolding" "$out" '"token":"clientondersteuning"'
out=$(analyze '{"analyzer": "dutch", "text": "ondersteunen"}')
check "built-in dutch analyzer" "$out" '"token":"ondersteun"'
out=$(analyze '{"analyzer": "english", "text": "running"}')
check "built-in english analyzer" "$out" '"token":"run"'
out=$(analyze '{"analyzer": "grams", "text": "zorg"}')
check "ngram" "$out" '"token":"or"'
out=$(analyze '{"analyzer": "prefixes", "text": "huisarts"}')
check "edge_ngram" "$out" '"token":"huisa"'
out=$(analyze '{"analyzer": "nl_search", "text": "wmo"}')
check "synonym_graph" "$out" '"token":"maatschapp"'

req PUT "/$index/_doc/1?refresh=true" '{"title": "Wet maatschappelijke ondersteuning voor cliënten", "views": 1}' >/dev/null
out=$(req POST "/$index/_update/1?refresh=true" \
  '{"script": {"lang": "painless", "source": "ctx._source.views += params.n", "params": {"n": 41}}}')
check "painless update" "$out" '"result":"updated"'
out=$(req GET "/$index/_doc/1?filter_path=_source.views")
check "painless update result" "$out" '"views":42'
out=$(req POST "/$index/_search?filter_path=hits.hits._id" '{"query": {"match": {"title": "wmo"}}}')
check "search via synonym" "$out" '"_id":"1"'
out=$(req POST "/$index/_search?filter_path=hits.hits._score" \
  '{"query": {"script_score": {"query": {"match": {"title.grams": "client"}}, "script": {"source": "doc[\"views\"].value * 2"}}}}')
check "script_score over ngram match" "$out" '"_score":84.0'

smoke_finish
