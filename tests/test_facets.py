"""Each facet is declared once (services/facets.py); the rest follows from it."""

import pytest
from django.test import RequestFactory
from wagtail.models import Locale

from search.views import without_filters
from services.facets import FACETS, TermFacet
from services.models import ServicePage

pytestmark = pytest.mark.django_db

TERM_FACETS = [facet for facet in FACETS if isinstance(facet, TermFacet)]


@pytest.mark.parametrize("facet", TERM_FACETS, ids=lambda facet: facet.param)
def test_the_index_holds_what_the_database_fallback_filters_on(facet, demo_site):
    """The engine filters on the index method, the fallback on the ORM path."""
    services = ServicePage.objects.all()
    assert services.filter(locale__language_code="en").exists()
    tagged = 0
    for page in services:
        indexed = getattr(page, facet.index_field)()
        stored = ServicePage.objects.filter(pk=page.pk).values_list(
            facet.path, flat=True
        )
        assert sorted(indexed) == sorted(v for v in stored if v is not None), page
        tagged += bool(indexed)
    assert tagged


def test_the_engine_indexes_every_facet():
    filterable = {f.field_name for f in ServicePage.get_filterable_search_fields()}
    assert {facet.index_field for facet in TERM_FACETS} <= filterable


def test_the_api_takes_every_facet_as_a_repeatable_parameter(client):
    openapi = client.get("/api/v3/openapi.json").json()
    parameters = openapi["paths"]["/api/v3/search/"]["get"]["parameters"]
    assert [p["name"] for p in parameters] == [
        "q",
        "locale",
        *(facet.param for facet in FACETS),
        "page",
        "per_page",
    ]
    by_name = {p["name"]: p for p in parameters}
    for facet in FACETS:
        parameter = by_name[facet.param]
        assert parameter["description"] == facet.description
        assert parameter["schema"]["type"] == "array"
        assert parameter["schema"]["items"] == {"type": "string"}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_vocabularies_list_the_values_each_facet_takes(client, demo_site, language):
    locale = Locale.objects.get(language_code=language)
    listed = {v["name"] for v in client.get("/api/v3/vocabularies/").json()}
    for facet in FACETS:
        if not facet.vocabulary:
            continue
        assert facet.vocabulary in listed
        body = client.get(
            f"/api/v3/vocabularies/{facet.vocabulary}/", {"locale": language}
        ).json()
        tokens = {term["token"] for term in body["terms"]}
        assert tokens
        assert tokens == set(facet.options(locale)), facet.param


def test_clearing_the_filters_drops_every_facet_and_the_page():
    chosen = "&".join(f"{facet.param}=x" for facet in FACETS)
    request = RequestFactory().get(f"/nl/search/?q=school&{chosen}&page=3&x=1")
    assert without_filters(request) == "?q=school&x=1"


def test_page_type_values_are_the_apis_meta_type(client, demo_site):
    """The type facet said ``services.servicepage`` where ``meta.type`` says
    ``services.ServicePage``: one token everywhere."""
    body = client.get("/api/v3/search/", {"q": "toekomstcoach", "locale": "nl"}).json()
    facet = next(f for f in body["facets"] if f["param"] == "type")
    values = {option["value"] for option in facet["options"]}
    assert "services.ServicePage" in values and "services.servicepage" not in values
    hit = body["results"][0]
    page = client.get(hit["api_url"]).json()
    assert page["meta"]["type"] in values
    narrowed = client.get(
        "/api/v3/search/",
        {"q": "toekomstcoach", "locale": "nl", "type": "services.ServicePage"},
    ).json()
    assert narrowed["results"] and all(
        client.get(h["api_url"]).json()["meta"]["type"] == "services.ServicePage"
        for h in narrowed["results"]
    )
