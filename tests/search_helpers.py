"""Helpers shared by the search tests: English content, index refreshes and the
school queries' ranks."""

from wagtail.models import Locale

from core.factories import stream
from search.query import search_pages
from search.school_queries import EXPECTED_TOP_3
from services.factories import ServicePageFactory
from services.models import ServiceIndexPage


def refresh(backend):
    """Makes what the test just saved searchable (the engine refreshes each second)."""
    backend.es.indices.refresh(index=backend.page_index_name())


def english_services(home):
    """The English locale and service index of the demo site."""
    english = Locale.objects.get(language_code="en")
    index_nl = ServiceIndexPage.objects.child_of(home).get()
    return english, index_nl.get_translation(english)


def service(parent, title, summary, body="", **kwargs):
    return ServicePageFactory(
        parent=parent,
        locale=parent.locale,
        title=title,
        summary=summary,
        body=stream(("paragraph", f"<p>{body or summary}</p>")),
        **kwargs,
    )


def slugs(results, limit=None):
    return [hit.page.slug for hit in results.hits[:limit]]


def school_query_ranks():
    """Each school query's rank of its page (None: not on the first page of hits)."""
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    ranks = {}
    for query, slug, language in EXPECTED_TOP_3:
        results = search_pages(query, locales[language], record=False)
        assert not results.fallback_used, query
        found = slugs(results)
        ranks[query] = found.index(slug) + 1 if slug in found else None
    return ranks


def figures(ranks):
    """``(queries in the top 3, mean reciprocal rank)``."""
    top_3 = sum(1 for rank in ranks.values() if rank and rank <= 3)
    mrr = sum(1 / rank for rank in ranks.values() if rank) / len(ranks)
    return top_3, mrr
