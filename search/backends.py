"""modelsearch's Elasticsearch-family backends with Dutch and English analysis.

modelsearch analyses every text field with one analyser per index. Here every text
field (and the ``_all_text`` fields modelsearch copies them into) gets sub-fields:

- ``<field>.nl``: Dutch stemming, stop words and folded diacritics, with the
  synonyms file applied at query time only (``search_analyzer``);
- ``<field>.en``: the same for English;
- ``<field>.grams``: 4-15 character n-grams on titles and boosted fields, so parts of
  Dutch compounds ("hulp" in "vroeghulp") match, scored below whole words.

The query picks the sub-fields of the page's locale (``search/query.py``). Everything
here is in the API subset Elasticsearch 7+/8/9 and OpenSearch 1/2/3 share.
"""

import logging
from pathlib import Path

from django.conf import settings
from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
)
from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
)
from modelsearch.backends.opensearch2 import (
    OpenSearch2Mapping,
    OpenSearch2SearchBackend,
)
from modelsearch.backends.opensearch3 import (
    OpenSearch3Mapping,
    OpenSearch3SearchBackend,
)
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.utils import deep_update

from search.resilience import ResilientBackendMixin, ResilientResultsMixin

logger = logging.getLogger(__name__)

LANGUAGES = ("nl", "en")
SYNONYM_FILTER = "portal_nl_synonyms"


def read_synonyms(path=None):
    """The synonym groups of the versioned file, without comments and blank lines."""
    path = Path(path or settings.PORTAL_SEARCH_SYNONYMS)
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def synonym_filter(synonyms):
    # Lenient: one malformed line an editor adds must not break every search.
    return {"type": "synonym_graph", "synonyms": synonyms, "lenient": True}


def analysis_settings(synonyms):
    # Synonyms run before the stop filter, so groups such as "maatschappelijk werk op
    # school" parse; the stop filter then leaves the same gaps as at index time.
    return {
        "filter": {
            SYNONYM_FILTER: synonym_filter(synonyms),
            "portal_nl_stop": {"type": "stop", "stopwords": "_dutch_"},
            "portal_nl_stemmer": {"type": "stemmer", "language": "dutch"},
            # Words the stemmer would fold onto an abbreviation of the synonyms file
            # ("assen" -> "ass", the synonym of autisme).
            "portal_nl_keywords": {"type": "keyword_marker", "keywords": ["assen"]},
            "portal_en_stop": {"type": "stop", "stopwords": "_english_"},
            "portal_en_possessive": {
                "type": "stemmer",
                "language": "possessive_english",
            },
            "portal_en_stemmer": {"type": "stemmer", "language": "english"},
            "portal_grams": {"type": "ngram", "min_gram": 4, "max_gram": 15},
        },
        "analyzer": {
            "portal_nl": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": [
                    "lowercase",
                    "asciifolding",
                    "portal_nl_stop",
                    "portal_nl_keywords",
                    "portal_nl_stemmer",
                ],
            },
            "portal_nl_search": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": [
                    "lowercase",
                    "asciifolding",
                    SYNONYM_FILTER,
                    "portal_nl_stop",
                    "portal_nl_keywords",
                    "portal_nl_stemmer",
                ],
            },
            "portal_en": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": [
                    "portal_en_possessive",
                    "lowercase",
                    "asciifolding",
                    "portal_en_stop",
                    "portal_en_stemmer",
                ],
            },
            "portal_grams": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding", "portal_grams"],
            },
            "portal_grams_search": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding"],
            },
        },
    }


def language_subfields(grams=False):
    fields = {
        "nl": {
            "type": "text",
            "analyzer": "portal_nl",
            "search_analyzer": "portal_nl_search",
        },
        "en": {"type": "text", "analyzer": "portal_en"},
    }
    if grams:
        fields["grams"] = {
            "type": "text",
            "analyzer": "portal_grams",
            "search_analyzer": "portal_grams_search",
        }
    return fields


def is_boost_field(name):
    return name.startswith("_all_text_boost_")


class LanguageMappingMixin:
    def get_field_mapping(self, field):
        name, mapping = super().get_field_mapping(field)
        if (
            isinstance(field, SearchField)
            and not isinstance(field, (AutocompleteField, RelatedFields))
            and mapping.get("type") == "text"
            and "analyzer" not in mapping
        ):
            mapping["fields"] = language_subfields(grams=name == "title")
        return name, mapping

    def get_mapping(self):
        mapping = super().get_mapping()
        for name, field in mapping["properties"].items():
            if name == "_all_text" or is_boost_field(name):
                field["fields"] = language_subfields(grams=is_boost_field(name))
        return mapping


class PortalBackendMixin:
    """Adds the analysis, raw searches and a synonyms reload to a backend."""

    def __init__(self, params):
        super().__init__(params)
        self.settings = deep_update(
            self.settings,
            {
                "settings": {
                    "analysis": analysis_settings(read_synonyms()),
                    "index": {"max_ngram_diff": 12},
                }
            },
        )

    def page_index_name(self):
        from wagtail.models import Page

        return self.get_index_for_model(Page).name

    def raw_search(self, body, index=None):
        # Both the opensearch-py and the elasticsearch 8/9 clients accept ``body``.
        return self.es.search(index=index or self.page_index_name(), body=body)

    def concrete_indices(self, name):
        """The indices behind an alias (or the index itself when it is one)."""
        if self.es.indices.exists_alias(name=name):
            return sorted(self.es.indices.get_alias(name=name))
        return [name] if self.es.indices.exists(index=name) else []

    def reload_synonyms(self, synonyms=None):
        """Puts the synonyms file into the live indices without reindexing.

        Analysis settings only change on a closed index; reopening rebuilds the search
        analysers. For the second or so in between, searches fall back to the database.
        """
        synonyms = read_synonyms() if synonyms is None else synonyms
        filters = {SYNONYM_FILTER: synonym_filter(synonyms)}
        self.settings["settings"]["analysis"]["filter"].update(filters)
        names = self.concrete_indices(self.page_index_name())
        for name in names:
            self.es.indices.close(index=name)
            try:
                self.es.indices.put_settings(
                    index=name, body={"analysis": {"filter": filters}}
                )
            finally:
                self.es.indices.open(index=name)
            self.es.cluster.health(index=name, wait_for_status="yellow")
            logger.info("Reloaded %d synonym groups into %s", len(synonyms), name)
        return names


def with_language_mapping(backend_class, mapping_base):
    """``backend_class`` with the portal's mixins, mapping and query compilers.

    ``ResilientBackendMixin`` and its results answer from the database backend when
    the engine fails (``search/resilience.py``).
    """
    name = backend_class.__name__.removesuffix("SearchBackend")
    mapping = type(f"{name}Mapping", (LanguageMappingMixin, mapping_base), {})

    def compiler(base):
        return type(base.__name__, (base,), {"mapping_class": mapping})

    results = backend_class.results_class
    return type(
        f"{name}Backend",
        (ResilientBackendMixin, PortalBackendMixin, backend_class),
        {
            "__module__": __name__,
            "mapping_class": mapping,
            "results_class": type(
                results.__name__, (ResilientResultsMixin, results), {}
            ),
            "query_compiler_class": compiler(backend_class.query_compiler_class),
            "autocomplete_query_compiler_class": compiler(
                backend_class.autocomplete_query_compiler_class
            ),
        },
    )


OpenSearch2Backend = with_language_mapping(OpenSearch2SearchBackend, OpenSearch2Mapping)
OpenSearch3Backend = with_language_mapping(OpenSearch3SearchBackend, OpenSearch3Mapping)
Elasticsearch8Backend = with_language_mapping(
    Elasticsearch8SearchBackend, Elasticsearch8Mapping
)
Elasticsearch9Backend = with_language_mapping(
    Elasticsearch9SearchBackend, Elasticsearch9Mapping
)
