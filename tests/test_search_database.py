"""The database search path (`make run`, and the fallback in production) understands
school language: synonyms, stems, compounds, typos, editors' search terms.

Tests here search with Wagtail's database backend as the only backend, on the demo
content, as `make run` does (on the suite's PostgreSQL).
"""

import math

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from django.utils import translation
from wagtail.models import get_page_models

from core.pages import SearchTermsMixin
from search.query import search_pages
from search.school_queries import EXPECTED_TOP_3
from services.models import ServiceIndexPage, ServicePage

from .conftest import using_engine
from .search_helpers import figures, school_query_ranks, service, slugs

DATABASE_ONLY = {"default": {"BACKEND": "wagtail.search.backends.database"}}


@pytest.fixture
def database_search(db):
    with override_settings(WAGTAILSEARCH_BACKENDS=DATABASE_ONLY):
        yield


@pytest.fixture
def nl(demo_site):
    return demo_site.locale


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        # Only the editors' search terms of the demo service hold it.
        ("dyslexie", "meedoen-in-het-onderwijs"),
        # A part of "gedragsproblemen", and a search term.
        ("gedrag", "schoolmaatschappelijk-werk"),
        # The synonyms file: smw = schoolmaatschappelijk werk.
        ("smw", "schoolmaatschappelijk-werk"),
        # Two words the page writes as one.
        ("toekomst coach", "toekomstcoach"),
    ],
)
def test_make_run_finds_school_language(database_search, nl, query, slug):
    results = search_pages(query, nl, record=False)
    assert not results.fallback_used
    assert slug in slugs(results, 3), (query, slugs(results))


def test_stems_and_folding_find_other_forms(database_search, nl, demo_site):
    index = ServiceIndexPage.objects.child_of(demo_site).get()
    service(index, "Kringgesprekken", "Wij ondersteunen leerkrachten.")
    service(index, "Cliëntondersteuning op school", "Onafhankelijk advies.")
    assert "kringgesprekken" in slugs(search_pages("ondersteuning", nl, record=False))
    for query in ("clientondersteuning", "cliëntondersteuning"):
        found = slugs(search_pages(query, nl, record=False), 1)
        assert found == ["clientondersteuning-op-school"], query


def test_a_typo_finds_the_page_and_is_corrected(database_search, nl):
    results = search_pages("toekomstcoah", nl, record=False)
    assert results.suggestion == "toekomstcoach"
    assert slugs(results, 1) == ["toekomstcoach"]
    assert search_pages("toekomstcoach", nl, record=False).suggestion == ""


def test_the_engine_offers_the_same_suggestion(search_engine, nl):
    results = search_pages("toekomstcoah", nl, record=False)
    assert not results.fallback_used
    assert results.suggestion == "toekomstcoach"


def test_browsing_by_facet_without_a_query(database_search, nl):
    results = search_pages("", nl, {"school_type": ["mbo"]}, record=False)
    assert slugs(results) == ["toekomstcoach"]
    assert results.total == 1
    school_types = next(f for f in results.facets if f.param == "school_type")
    assert {o.value for o in school_types.options if o.selected} == {"mbo"}
    assert search_pages("", nl, record=False).total == 0


def test_the_api_browses_by_facet(client, search_engine, demo_site):
    body = client.get("/api/v3/search/", {"school_type": "mbo"}).json()
    assert [hit["title"] for hit in body["results"]] == ["Toekomstcoach"]
    assert body["paging"]["total"] == 1


def test_page_type_labels_keep_their_capitals(database_search, nl):
    with translation.override("nl"):
        results = search_pages("mee", nl, record=False)
        types = next(f for f in results.facets if f.param == "type")
        labels = {option.label for option in types.options}
    assert "MEE-diensten" in labels
    assert not {label for label in labels if label.startswith("Mee-")}


def test_zero_results_offer_services_and_contact_without_filter_advice(
    database_search, client
):
    soup = BeautifulSoup(
        client.get("/nl/search/", {"q": "qqxyzzy"}).content, "html.parser"
    )
    none = soup.select_one(".search-none")
    assert "filter" not in none.get_text()
    assert none.select_one('a[href="/nl/contact/"]')
    # Not "most used": the portal counts no use per service, so the heading says
    # what they are, and they are the first five in the editors' order.
    assert none.select_one("h2").get_text() == "Diensten van MEE voor scholen"
    services = ServicePage.objects.live().filter(locale__language_code="nl")
    first_five = [page.title for page in services.order_by("path")[:5]]
    assert len(first_five) == 5
    assert [a.get_text() for a in none.select("li a")] == first_five
    assert "Toekomstcoach" in first_five
    filtered = BeautifulSoup(
        client.get("/nl/search/", {"q": "qqxyzzy", "school_type": "mbo"}).content,
        "html.parser",
    )
    assert "filter" in filtered.select_one(".search-none").get_text()


def test_the_search_page_offers_the_correction(database_search, client):
    soup = BeautifulSoup(
        client.get("/nl/search/", {"q": "toekomstcoah"}).content, "html.parser"
    )
    link = soup.select_one(".search-suggestion a")
    assert link.get_text() == "toekomstcoach"
    assert link["href"] == "?q=toekomstcoach"


def test_every_page_type_has_boosted_search_terms_in_the_promote_tab():
    for model in get_page_models():
        if model._meta.abstract or model.__name__ == "Page":
            continue
        assert issubclass(model, SearchTermsMixin), model
        fields = {f.field_name: f.boost for f in model.get_searchable_search_fields()}
        assert fields.get("search_terms", 0) > 1, model
        promote = [getattr(panel, "field_name", "") for panel in model.promote_panels]
        assert "search_terms" in promote, model


@pytest.mark.engine
def test_database_path_scores_within_ten_points_of_the_engine(db, nl, request):
    with using_engine("opensearch"):
        engine = figures(school_query_ranks())
    with override_settings(WAGTAILSEARCH_BACKENDS=DATABASE_ONLY):
        database = figures(school_query_ranks())
    total = len(EXPECTED_TOP_3)
    for name, (top_3, mrr) in (("opensearch", engine), ("database", database)):
        # Printed at the end of the run by tests/conftest.py.
        request.node.user_properties.append(
            (
                "school_queries",
                f"{name} (beside each other): {top_3}/{total} in the top 3, "
                f"MRR {mrr:.3f}",
            )
        )
    assert database[0] >= engine[0] - math.floor(total * 0.10)
