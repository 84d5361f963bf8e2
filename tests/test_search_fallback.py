"""With the engine unreachable, search answers from the database and says so.

The engine is replaced by a real address where nothing listens (a port bound and
released), so the client meets a refused connection as in an outage.
"""

import logging
import socket

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import override_settings

from search.query import autocomplete, search_pages
from services.models import ServicePage

pytestmark = pytest.mark.engines


def dead_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def engine_down(search_engine):
    backends = {
        name: dict(config) for name, config in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    backends["default"]["URLS"] = [dead_url()]
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        yield


def test_search_answers_from_the_database(engine_down, demo_site, caplog):
    with caplog.at_level(logging.ERROR, logger="search"):
        results = search_pages("vroeghulp", demo_site.locale, record=False)
        again = search_pages("vroeghulp", demo_site.locale, record=False)
    assert results.fallback_used and again.fallback_used
    assert [hit.page.slug for hit in results.hits][:1] == ["integrale-vroeghulp"]
    # Once per outage, not once per search.
    failures = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert [r.name for r in failures] == ["search.resilience"]
    assert "searching the database" in failures[0].getMessage()
    assert {facet.param for facet in results.facets} >= {"school_type", "type"}


def test_fallback_keeps_filters(engine_down, demo_site):
    results = search_pages(
        "jongeren", demo_site.locale, {"school_type": ["mbo"]}, record=False
    )
    assert results.fallback_used
    assert [hit.page.slug for hit in results.hits] == ["toekomstcoach"]


def test_search_page_shows_a_notice(engine_down, client):
    response = client.get("/nl/search/?q=vroeghulp")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".notice-warning")
    assert soup.select_one("ol.search-results a")["href"] == (
        "/nl/diensten/integrale-vroeghulp/"
    )


def test_autocomplete_answers_from_the_database(engine_down, demo_site):
    titles = [s["title"] for s in autocomplete("vroeg", demo_site.locale)]
    assert titles == ["Integrale Vroeghulp"]


def test_no_page_errors_and_editing_goes_on(engine_down, client, demo_site):
    for url in ("/nl/", "/nl/diensten/toekomstcoach/", "/nl/search/?q=smw"):
        assert client.get(url).status_code == 200, url
    page = ServicePage.objects.get(slug="toekomstcoach")
    page.title = "Toekomstcoach voor jongeren"
    page.save_revision().publish()
    results = search_pages("jongeren", demo_site.locale, record=False)
    assert "Toekomstcoach voor jongeren" in [hit.page.title for hit in results.hits]


def test_engine_answers_again_when_it_is_back(search_engine, demo_site):
    results = search_pages("vroeghulp", demo_site.locale, record=False)
    assert not results.fallback_used


def test_a_database_only_site_searches_without_a_notice(search_engine, demo_site):
    database_only = {"default": {"BACKEND": "wagtail.search.backends.database"}}
    with override_settings(WAGTAILSEARCH_BACKENDS=database_only):
        results = search_pages("vroeghulp", demo_site.locale, record=False)
        suggestions = autocomplete("vroeg", demo_site.locale)
    assert not results.fallback_used
    assert [hit.page.slug for hit in results.hits][:1] == ["integrale-vroeghulp"]
    assert [s["title"] for s in suggestions] == ["Integrale Vroeghulp"]
