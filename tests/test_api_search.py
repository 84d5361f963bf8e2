"""GET /api/v3/search/: the search page's own search, as JSON."""

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from .api_helpers import assert_problem
from .test_search_fallback import engine_down  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.engines]
URL = "/api/v3/search/"


def test_a_search_finds_toekomstcoach_with_highlight_and_facets(
    client, search_engine, demo_site
):
    body = client.get(URL, {"q": "toekomstcoach", "locale": "nl"}).json()
    assert body["query"] == "toekomstcoach" and body["locale"] == "nl"
    assert body["fallback_used"] is False
    paging = body["paging"]
    assert paging["total"] >= 1 and paging["page"] == 1 and paging["per_page"] == 10
    hit = body["results"][0]
    assert hit["title"] == "Toekomstcoach"
    assert hit["url"] == "/nl/diensten/toekomstcoach/"
    assert hit["api_url"] == f"/api/v3/content/pages/{hit['id']}/"
    assert "<mark>" in hit["highlight"]
    assert hit["summary"].startswith("Individuele ondersteuning")
    facets = {facet["param"]: facet for facet in body["facets"]}
    mbo = next(o for o in facets["school_type"]["options"] if o["value"] == "mbo")
    assert mbo == {"value": "mbo", "label": "Mbo", "count": 1, "selected": False}
    assert {"school_type", "measure", "type"} <= set(facets)


def test_facet_filters_narrow_and_are_marked_selected(client, search_engine, demo_site):
    body = client.get(URL, {"q": "jongeren", "school_type": "mbo"}).json()
    assert [hit["title"] for hit in body["results"]] == ["Toekomstcoach"]
    options = next(f for f in body["facets"] if f["param"] == "school_type")["options"]
    assert next(o for o in options if o["value"] == "mbo")["selected"] is True


def test_english_results_speak_english_whatever_the_callers_language(
    client, search_engine, demo_site
):
    body = client.get(
        URL, {"q": "future coach", "locale": "en"}, HTTP_ACCEPT_LANGUAGE="nl"
    ).json()
    assert body["results"][0]["url"] == "/en/services/future-coach/"
    facets = {facet["param"]: facet for facet in body["facets"]}
    assert facets["school_type"]["label"] == "School type"
    vocational = next(
        o for o in facets["school_type"]["options"] if o["value"] == "mbo"
    )
    assert vocational["label"] == "Vocational education (MBO)"


def test_measures_carry_their_code(client, search_engine, demo_site):
    body = client.get(URL, {"q": "jeugdwerkloosheid", "locale": "nl"}).json()
    measure = next(h for h in body["results"] if h["type"] == "services.MeasurePage")
    assert measure["code"] == "4.1"


@pytest.mark.usefixtures("engine_down")
def test_engine_down_answers_from_the_database_and_says_so(client, demo_site):
    body = client.get(URL, {"q": "vroeghulp"}).json()
    assert body["fallback_used"] is True
    assert body["results"][0]["url"] == "/nl/diensten/integrale-vroeghulp/"
    assert body["results"][0]["highlight"] == ""


def test_the_same_search_as_the_search_page(client, search_engine, demo_site):
    page = BeautifulSoup(client.get("/nl/search/", {"q": "smw"}).content, "html.parser")
    page_urls = [a["href"] for a in page.select("ol.search-results li a")]
    body = client.get(URL, {"q": "smw"}).json()
    assert [hit["url"] for hit in body["results"]] == page_urls


def test_empty_query_finds_nothing_and_bad_parameters_are_problems(
    client, search_engine, demo_site
):
    body = client.get(URL).json()
    assert body["paging"]["total"] == 0 and body["results"] == []
    assert body["facets"] == []
    assert_problem(client.get(URL, {"q": "x", "locale": "de"}), 400)
    assert_problem(client.get(URL, {"q": "x", "page": "one"}), 400)


def test_a_database_only_site_answers_without_a_fallback_flag(client, demo_site):
    database_only = {"default": {"BACKEND": "wagtail.search.backends.database"}}
    with override_settings(WAGTAILSEARCH_BACKENDS=database_only):
        body = client.get(URL, {"q": "vroeghulp"}).json()
    assert body["fallback_used"] is False
    assert body["results"][0]["title"] == "Integrale Vroeghulp"


def test_an_engine_error_past_the_fallback_is_a_503_problem(
    client, demo_site, monkeypatch
):
    # The search layer answers from the database when the engine fails, so no real
    # outage reaches the handler; the error is raised where the router calls it.
    from opensearchpy.exceptions import ConnectionError as EngineDown

    def refused(*args, **kwargs):
        raise EngineDown("N/A", "Connection refused", None)

    monkeypatch.setattr("api.routers.search.search_pages", refused)
    response = client.get(URL, {"q": "vroeghulp"}, HTTP_ACCEPT_LANGUAGE="nl")
    body = assert_problem(response, 503)
    assert body["detail"] == (
        "Zoeken is op dit moment niet beschikbaar. Probeer het straks opnieuw."
    )
    assert response["Retry-After"] == "30"
