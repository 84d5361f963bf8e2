"""The one search code path: the HTML search page and the headless API both call it.

``search_pages`` answers from the search engine and, when the engine cannot be
reached, from Wagtail's database backend (``fallback_used`` then says so). Results
are limited to live, public pages of one locale; facets combine (OR within a facet,
AND across facets) and each facet's counts apply the other facets' selections.
Without a query, the chosen facets alone list their pages (browsing by facet).

On the database backend the query is first expanded into the indexed words it stands
for (``search/analysis.py``: synonyms, stems, compound parts, typo corrections) and
the best matches are ranked again by where those words occur (title, boosted fields
such as the editors' search terms, body).
"""

import functools
import logging
import math
from collections import Counter
from dataclasses import dataclass, field, replace

from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver
from django.utils import translation
from modelsearch.query import And, Or, PlainText
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, get_page_models
from wagtail.search.utils import normalise_query_string

from core.navigation import public, restricted_paths
from core.versions import PerVersion, pinned_version
from search import analysis
from search.models import ZeroResultQuery
from search.resilience import SearchUnavailable, engine_backend, fallback_backend
from services.facets import FACETS

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 10
AUTOCOMPLETE_SIZE = 8
MAX_QUERY_LENGTH = 200
# The engines refuse to page past their result window (index.max_result_window,
# 10,000 hits by default); a page beyond it would be empty anyway.
RESULT_WINDOW = 10_000
MAX_PAGE = RESULT_WINDOW // RESULTS_PER_PAGE
# Indexed fields readers never see; search finds pages by them but shows no passage.
NOT_SHOWN = {"search_terms"}
HIGHLIGHT_TAGS = {"pre_tags": ["<mark>"], "post_tags": ["</mark>"]}
# Recent articles rank a little higher; pages without a date (services) are neutral.
RECENCY = {"field": "home_articlepage__date_filter", "scale": "365d", "weight": 0.3}
# The database path ranks this many of the backend's best matches again itself; the
# rest follow in the backend's order.
RERANKED = 50
# Where an expanded word occurs, on the database path: the engine's boosts (a title
# counts as the engine's title clauses do; boosted fields by their own boost).
TITLE_WEIGHT = 4


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    param: str
    label: str
    options: list[FacetOption]


@dataclass
class Hit:
    page: Page
    highlight: str = ""
    promoted: bool = False
    description: str = ""


@dataclass
class SearchResults:
    query: str
    page_number: int = 1
    per_page: int = RESULTS_PER_PAGE
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    promoted: list[Hit] = field(default_factory=list)
    facets: list[Facet] = field(default_factory=list)
    fallback_used: bool = False
    # Nothing matched (nearly) all words, so pages matching some of them are shown.
    relaxed: bool = False
    # The query with unknown words replaced by the closest indexed ones ("Did you
    # mean: …?"); empty when every word is known.
    suggestion: str = ""

    @property
    def num_pages(self):
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def count(self):
        """Everything the reader is offered: promoted pages and matching pages."""
        return self.total + len(self.promoted)


FACET_PARAMS = [facet.param for facet in FACETS]


def clean_text(value):
    # PostgreSQL text cannot hold NUL, and no reader types one.
    return str(value).replace("\x00", "")


def clean_query(query):
    return " ".join(clean_text(query or "").split())[:MAX_QUERY_LENGTH]


def clean_filters(filters):
    """``{param: [values]}`` for the known facets, from a QueryDict or a dict."""
    cleaned = {}
    for param in FACET_PARAMS:
        if hasattr(filters, "getlist"):
            values = filters.getlist(param)
        else:
            values = (filters or {}).get(param) or []
            values = [values] if isinstance(values, str) else list(values)
        values = sorted({clean_text(v).strip() for v in values} - {""})
        if values:
            cleaned[param] = values
    return cleaned


@receiver(setting_changed)
def forget_highlight_fields(setting, **kwargs):
    if setting == "WAGTAILSEARCH_BACKENDS":
        highlight_fields.cache_clear()


@functools.cache
def highlight_fields():
    """Source fields whose matching passage is shown, summaries before bodies.

    Fixed by the page models, so worked out once per process, not per search.
    """
    backend = engine_backend()
    lead, rest = [], []
    for model in get_page_models():
        mapping = backend.mapping_class(model)
        for search_field in model.get_searchable_search_fields():
            # Each field once, from the model that defines it; Page's title is shown
            # as the link already.
            if model is Page or search_field.get_definition_model(model) is not model:
                continue
            # Readers do not see the editors' search terms, so no passage of them.
            if search_field.field_name in NOT_SHOWN:
                continue
            column = mapping.get_field_column_name(search_field)
            boosted = (search_field.boost or 1) > 1
            (lead if boosted else rest).append(column)
    return lead + rest


# The engine ---------------------------------------------------------------------


def text_query(query, language, strict=True, fuzzy=True):
    """Recall gate plus scoring clauses, for the sub-fields of ``language``.

    Strict: with more than two words, three in four must match. Otherwise (the retry
    when nothing matched) one word is enough. ``fuzzy`` adds the typo clause, which
    costs the engine a third of its time; it is left out when the pages hold every
    word of the query.
    """
    lang = language if language in ("nl", "en") else "nl"
    boosted = [
        f"_all_text_boost_2_0.{lang}^2",
        f"_all_text_boost_3_0.{lang}^3",
    ]
    must_match = "2<75%" if strict else "1"
    recall = {
        "bool": {
            "should": [
                # Whole words: stemmed, folded, with synonyms.
                {
                    "match": {
                        f"_all_text.{lang}": {
                            "query": query,
                            "minimum_should_match": must_match,
                        }
                    }
                },
                # Parts of compounds in titles and summaries ("hulp" in "vroeghulp").
                {
                    "multi_match": {
                        "query": query,
                        "fields": ["title.grams^2", "_all_text_boost_2_0.grams"],
                        "operator": "and",
                        "boost": 0.3,
                    }
                },
            ],
            "minimum_should_match": 1,
        }
    }
    if fuzzy:
        # Typos; without synonyms (fuzzy terms cannot expand to phrases).
        recall["bool"]["should"].append(
            {
                "match": {
                    f"_all_text.{lang}": {
                        "query": query,
                        "analyzer": f"portal_{lang}",
                        "fuzziness": "AUTO",
                        "prefix_length": 2,
                        "max_expansions": 25,
                        "minimum_should_match": must_match,
                        "boost": 0.5,
                    }
                }
            }
        )
    relevance = [
        {"match": {f"title.{lang}": {"query": query, "boost": 4}}},
        {"match_phrase": {f"title.{lang}": {"query": query, "boost": 4}}},
        {"multi_match": {"query": query, "fields": boosted}},
        {"match_phrase": {f"_all_text.{lang}": {"query": query, "slop": 2}}},
    ]
    return {"bool": {"must": [recall], "should": relevance}}


# Facet labels, restricted paths and promotions change with the content only; a
# search must not ask the database for them each time.
_per_version = PerVersion()


def base_filters(locale, exclude_ids=()):
    filters = [
        {"term": {"live_filter": True}},
        {"term": {"locale_id_filter": locale.pk}},
    ]
    restricted = _per_version.get("restricted paths", restricted_paths)
    excluded = [{"prefix": {"path_filter": path}} for path in restricted]
    excluded.append({"term": {"depth_filter": 1}})
    if exclude_ids:
        excluded.append({"terms": {"id_filter": list(exclude_ids)}})
    return filters, excluded


def facet_column(backend, facet):
    """The engine's name of the field that holds the facet's values."""
    filter_field = next(
        f
        for f in facet.model.get_filterable_search_fields()
        if f.field_name == facet.index_field
    )
    return backend.mapping_class(facet.model).get_field_column_name(filter_field)


def facet_filter(backend, facet, values):
    # Values that stand for nothing in the index match nothing.
    return {"terms": {facet_column(backend, facet): facet.keys(values) or [-1]}}


def engine_search(
    backend,
    query,
    locale,
    filters,
    page_number,
    per_page,
    promoted,
    strict=True,
    fuzzy=True,
):
    must_filters, must_not = base_filters(locale, [hit.page.pk for hit in promoted])
    selected = {
        facet.param: facet_filter(backend, facet, filters[facet.param])
        for facet in FACETS
        if facet.param in filters
    }
    scored = {
        "function_score": {
            "query": {
                "bool": {
                    "must": [text_query(query, locale.language_code, strict, fuzzy)],
                    "filter": must_filters,
                    "must_not": must_not,
                }
            },
            "functions": [
                {"weight": 1},
                {
                    "gauss": {RECENCY["field"]: {"scale": RECENCY["scale"]}},
                    "weight": RECENCY["weight"],
                },
            ],
            "score_mode": "sum",
            "boost_mode": "multiply",
        }
    }
    aggregations = {}
    for facet in FACETS:
        others = [f for param, f in selected.items() if param != facet.param]
        aggregations[facet.param] = {
            "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
            "aggs": {
                "values": {"terms": {"field": facet_column(backend, facet), "size": 50}}
            },
        }
    lang = locale.language_code if locale.language_code in ("nl", "en") else "nl"
    fields = highlight_fields()
    body = {
        "query": scored,
        "post_filter": {"bool": {"filter": list(selected.values())}},
        "aggs": aggregations,
        "from": (page_number - 1) * per_page,
        "size": per_page,
        "track_total_hits": True,
        "_source": ["pk"],
        "highlight": {
            **HIGHLIGHT_TAGS,
            "encoder": "html",
            "require_field_match": False,
            "fragment_size": 180,
            "number_of_fragments": 1,
            "no_match_size": 0,
            "highlight_query": {
                "multi_match": {
                    "query": query,
                    "fields": [f"{name}.{lang}" for name in fields],
                }
            },
            "fields": {f"{name}.{lang}": {} for name in fields},
        },
    }
    response = backend.raw_search(body)
    hits = response["hits"]["hits"]
    pages = Page.objects.filter(pk__in=[int(hit["_id"]) for hit in hits]).specific()
    by_pk = {page.pk: page for page in pages}
    results = []
    for hit in hits:
        page = by_pk.get(int(hit["_id"]))
        if page is None:
            continue  # deleted since it was indexed
        fragments = hit.get("highlight", {})
        passage = next(
            (
                fragments[f"{name}.{lang}"][0]
                for name in fields
                if f"{name}.{lang}" in fragments
            ),
            "",
        )
        results.append(Hit(page=page, highlight=passage))
    total = response["hits"]["total"]
    total = total["value"] if isinstance(total, dict) else total
    counts = {}
    for facet in FACETS:
        buckets = response["aggregations"][facet.param]["values"]["buckets"]
        values = facet.values_of([bucket["key"] for bucket in buckets])
        counts[facet.param] = {
            values[bucket["key"]]: bucket["doc_count"]
            for bucket in buckets
            if bucket["key"] in values
        }
    return results, total, counts


def engine_autocomplete(backend, query, locale, limit):
    must_filters, must_not = base_filters(locale)
    body = {
        "query": {
            "bool": {
                "must": [
                    {
                        "multi_match": {
                            "query": query,
                            "fields": ["title_edgengrams^3", "_edgengrams"],
                            "operator": "and",
                        }
                    }
                ],
                "filter": must_filters,
                "must_not": must_not,
            }
        },
        "size": limit,
        "_source": ["pk"],
    }
    hits = backend.raw_search(body)["hits"]["hits"]
    return [int(hit["_id"]) for hit in hits]


# The database fallback ----------------------------------------------------------


def database_queryset(locale, filters, exclude_ids=()):
    pages = public(Page.objects.live()).filter(locale=locale).exclude(depth=1)
    if exclude_ids:
        pages = pages.exclude(pk__in=list(exclude_ids))
    # Facets of a page type (services) narrow one query of that type, which the
    # pages must be in; each filter() on a relation is a join of its own, so the
    # facets combine with AND.
    narrowed = {}
    for facet in FACETS:
        if facet.param not in filters:
            continue
        chosen = {f"{facet.path}__in": facet.keys(filters[facet.param])}
        if facet.model is Page:
            pages = pages.filter(**chosen)
        else:
            matching = narrowed.get(facet.model, facet.model.objects.all())
            narrowed[facet.model] = matching.filter(**chosen)
    for matching in narrowed.values():
        pages = pages.filter(pk__in=matching.values("pk"))
    return pages


def database_counts(facet, matched):
    """``{value: count}`` of one facet among the matched pages (ids or a queryset)."""
    pages = facet.model.objects.filter(pk__in=matched)
    keys = [key for key in pages.values_list(facet.path, flat=True) if key is not None]
    values = facet.values_of(set(keys))
    return dict(Counter(values[key] for key in keys if key in values))


def database_query(found, strict=True):
    """The backend query of an analysed query: every slot (strict) or any slot."""
    slots = []
    spellings = found.vocabulary.spellings if found.vocabulary else lambda w: [w]
    for slot in found.slots:
        alternatives = []
        for words in slot.alternatives:
            alternatives.append(PlainText(" ".join(words), operator="and"))
            if len(words) == 1:
                alternatives += [PlainText(w) for w in spellings(words[0])[1:]]
        slots.append(alternatives[0] if len(alternatives) == 1 else Or(alternatives))
    if not slots:
        return None
    if len(slots) == 1:
        return slots[0]
    return And(slots) if strict else Or(slots)


def page_texts(pages):
    """``{pk: (title words, [(boost, words)], body words)}`` of ``pages``.

    Title and body come from the database backend's index entries; boosted fields
    (summaries, search terms) from the pages, by the boost of their SearchField.
    """
    from modelsearch.conf import get_app_config
    from modelsearch.utils import get_descendants_content_types_pks

    IndexEntry = get_app_config().get_model("IndexEntry")

    title, body = ("title", "body")
    if IndexEntry._meta.get_field("title").get_internal_type() != "TextField":
        # PostgreSQL keeps the text beside its tsvectors.
        title, body = ("title_text", "body_text")
    entries = IndexEntry.objects.filter(
        content_type_id__in=get_descendants_content_types_pks(Page),
        object_id__in=[str(page.pk) for page in pages],
    ).values_list("object_id", title, body)
    texts = {
        int(pk): (set(analysis.words(t or "")), [], set(analysis.words(b or "")))
        for pk, t, b in entries
    }
    for page in Page.objects.filter(pk__in=list(texts)).specific():
        for search_field in page.get_searchable_search_fields():
            boost = search_field.boost or 1
            if boost > 1 and hasattr(page, search_field.field_name):
                value = search_field.get_value(page)
                texts[page.pk][1].append((boost, set(analysis.words(str(value or "")))))
    return texts


def relevance(found, text):
    """How well a page's words answer the analysed query (higher is better)."""
    title, boosted, body = text
    fields = [(TITLE_WEIGHT, title), *boosted, (1, body)]
    score = 0.0
    for slot in found.slots:
        score += max(
            (
                weight * field_weight
                for words, weight in slot.alternatives.items()
                for field_weight, field_words in fields
                if field_words.issuperset(words)
            ),
            default=0,
        )
    # A title that is all query ("Toekomstcoach" for "toekomst coach"), as the
    # engine's phrase match on titles.
    typed = {word for slot in found.slots for alt in slot.alternatives for word in alt}
    if title and title <= typed:
        score += TITLE_WEIGHT
    return score


def rerank(found, pages):
    texts = page_texts(pages)
    order = {page.pk: position for position, page in enumerate(pages)}
    empty = (set(), [], set())
    return sorted(
        pages,
        key=lambda page: (
            -relevance(found, texts.get(page.pk, empty)),
            order[page.pk],
        ),
    )


def database_search(found, locale, filters, page_number, per_page, promoted, strict):
    """Answers from Wagtail's database backend, with the query expanded into the
    words it stands for; no highlights, facets counted by ORM."""
    exclude = [hit.page.pk for hit in promoted]
    query = database_query(found, strict)
    if query is None:
        return [], 0, {}
    # One full-text query, without the facets: the database backends compute each
    # page's text vector as they match (no index serves it), so every further
    # query scans the site again. The facets then filter these ids in the ORM.
    results = fallback_backend().search(query, database_queryset(locale, {}, exclude))
    ranked = list(results.get_queryset().values_list("pk", flat=True))

    def selected(chosen):
        return set(
            database_queryset(locale, chosen, exclude)
            .filter(pk__in=ranked)
            .values_list("pk", flat=True)
        )

    allowed = selected(filters)
    ids = [pk for pk in ranked if pk in allowed]
    start = (page_number - 1) * per_page
    if start < RERANKED:
        best = rerank(found, pages_by_id(ids[:RERANKED]))
        pages = best[start : start + per_page]
        if len(pages) < per_page and start + per_page > RERANKED:
            pages += pages_by_id(ids[RERANKED : start + per_page])
    else:
        pages = pages_by_id(ids[start : start + per_page])
    # Facet counts follow the same rule as on the engine: each facet is counted with
    # the other facets' selections applied.
    counts = {}
    for facet in FACETS:
        others = {k: v for k, v in filters.items() if k != facet.param}
        matched = allowed if others == filters else selected(others)
        counts[facet.param] = database_counts(facet, list(matched))
    return specific_hits(pages), len(ids), counts


def pages_by_id(ids):
    pages = Page.objects.in_bulk(ids)
    return [pages[pk] for pk in ids if pk in pages]


def specific_hits(pages):
    ids = [p.pk for p in pages]
    specific = {p.pk: p for p in Page.objects.filter(pk__in=ids).specific()}
    return [Hit(page=specific[p.pk]) for p in pages if p.pk in specific]


def browse(locale, filters, page_number, per_page):
    """The pages the chosen facets select, without a query, by title."""
    pages = database_queryset(locale, filters).order_by("title", "pk")
    total = pages.count()
    start = (page_number - 1) * per_page
    counts = {
        facet.param: database_counts(
            facet,
            database_queryset(
                locale, {k: v for k, v in filters.items() if k != facet.param}
            ).values("pk"),
        )
        for facet in FACETS
    }
    return specific_hits(list(pages[start : start + per_page])), total, counts


# Shared -------------------------------------------------------------------------


def promotions(query, locale):
    """Editors' promoted pages for this query, in the reader's language."""
    normalised = normalise_query_string(query)
    hits = _per_version.get(
        ("promotions", normalised, locale.pk),
        lambda: find_promotions(normalised, locale),
    )
    return [replace(hit) for hit in hits]


def find_promotions(normalised, locale):
    picks = SearchPromotion.objects.filter(
        query__query_string=normalised, page__isnull=False
    ).select_related("page")
    hits = []
    for pick in picks:
        page = pick.page.get_translation_or_none(locale)
        if page and page.live:
            specific = page.specific
            hits.append(Hit(page=specific, promoted=True, description=pick.description))
    return hits


def facet_options(definition, locale):
    # The type facet's labels are the models' names in the active language.
    key = ("options", definition.param, locale.pk, translation.get_language())
    return _per_version.get(key, lambda: definition.options(locale))


def build_facets(counts, filters, locale):
    facets = []
    for definition in FACETS:
        selected = set(filters.get(definition.param, []))
        options = [
            FacetOption(
                value=value,
                label=label,
                count=counts.get(definition.param, {}).get(value, 0),
                selected=value in selected,
            )
            for value, label in facet_options(definition, locale).items()
        ]
        options = [o for o in options if o.count or o.selected]
        if options:
            facets.append(Facet(definition.param, definition.label, options))
    return facets


def record_query(query, locale, total):
    """Counts the query for the editors' reports; a failure here never fails search."""
    try:
        with transaction.atomic():
            logged = Query.get(query)
            logged.add_hit()
            if total == 0:
                ZeroResultQuery.add_hit(logged, locale)
    except Exception:
        logger.exception("Could not record search query %r", query)


def search_pages(
    query,
    locale,
    filters=None,
    page=1,
    per_page=RESULTS_PER_PAGE,
    *,
    record=True,
):
    """Search live, public pages of ``locale``.

    ``filters`` maps facet params (``FACET_PARAMS``) to lists of values; ``page`` is
    1-based. Returns a ``SearchResults``. An empty query with filters lists the
    pages the filters select, by title; without filters it returns no results.
    """
    with pinned_version():
        return _search_pages(query, locale, filters, page, per_page, record)


def _search_pages(query, locale, filters, page, per_page, record):
    query = clean_query(query)
    filters = clean_filters(filters)
    try:
        page_number = min(max(1, int(page)), RESULT_WINDOW // per_page)
    except (TypeError, ValueError):
        page_number = 1
    results = SearchResults(query=query, page_number=page_number, per_page=per_page)
    if not query:
        if filters:
            hits, results.total, counts = browse(locale, filters, page_number, per_page)
            results.hits = hits
            results.facets = build_facets(counts, filters, locale)
        return results

    language = analysis.language_of(locale)
    found = analysis.analyse(
        query, language, analysis.vocabulary(locale), analysis.synonyms()
    )
    results.suggestion = found.suggestion
    promoted = promotions(query, locale)
    backend = engine_backend()
    answered = False
    if backend is not None:
        try:
            arguments = (backend, query, locale, filters, page_number, per_page)
            fuzzy = not found.all_known
            hits, total, counts = engine_search(*arguments, promoted, fuzzy=fuzzy)
            if total == 0 and len(query.split()) > 1:
                hits, total, counts = engine_search(
                    *arguments, promoted, strict=False, fuzzy=fuzzy
                )
                results.relaxed = total > 0
            answered = True
        except SearchUnavailable:
            # Logged once per outage by the backend.
            results.fallback_used = True
        except Exception:
            logger.exception(
                "Search engine failed for %r; answering from the database", query
            )
            results.fallback_used = True
    if not answered:
        arguments = (found, locale, filters, page_number, per_page, promoted)
        hits, total, counts = database_search(*arguments, strict=True)
        if total == 0 and len(found.slots) > 1:
            hits, total, counts = database_search(*arguments, strict=False)
            results.relaxed = total > 0

    results.total = total
    results.hits = hits
    results.promoted = promoted if page_number == 1 else []
    results.facets = build_facets(counts, filters, locale)
    if record and page_number == 1 and not filters:
        record_query(query, locale, results.count)
    return results


def autocomplete(query, locale, limit=AUTOCOMPLETE_SIZE):
    """Up to ``limit`` ``{"title", "url"}`` suggestions for a half-typed query."""
    with pinned_version():
        return _autocomplete(query, locale, limit)


def _autocomplete(query, locale, limit):
    query = clean_query(query)
    if len(query) < 2:
        return []
    backend = engine_backend()
    ids = None
    if backend is not None:
        try:
            ids = engine_autocomplete(backend, query, locale, limit)
        except SearchUnavailable:
            pass
        except Exception:
            logger.exception("Search engine failed to autocomplete %r", query)
    if ids is None:
        pages = database_queryset(locale, {})
        matches = fallback_backend().autocomplete(query, pages)
        ids = [page.pk for page in matches[:limit]]
    pages = {page.pk: page for page in Page.objects.filter(pk__in=ids)}
    return [
        {"title": pages[pk].title, "url": pages[pk].get_url()}
        for pk in ids
        if pk in pages
    ]
