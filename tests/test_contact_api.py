"""GET /api/v3/contact/route/: the lookup the form and other front ends use."""

import pytest

from offices.models import PostcodeArea, RegionalOfficePage

from .api_helpers import assert_problem

pytestmark = pytest.mark.django_db
URL = "/api/v3/contact/route/"


def test_postcode_routes_to_its_office(client, demo_site, settings):
    """The office's address is on the public base URL, port included (it was
    ``http://localhost/``, the Site record's host without its port)."""
    settings.WAGTAILAPI_BASE_URL = "http://127.0.0.1:8123"
    response = client.get(URL, {"postcode": "9711 ab"})
    assert response.status_code == 200
    assert response.json() == {
        "postcode": "9711AB",
        "municipalities": [{"code": "GM0014", "name": "Groningen"}],
        "office": {
            "name": "MEE Groningen",
            "url": "http://127.0.0.1:8123/nl/regios/mee-groningen/",
        },
    }


def test_municipality_parameter(client, demo_site):
    body = client.get(URL, {"municipality": "GM0687"}).json()  # Middelburg, Zeeland
    assert body["municipalities"] == [{"code": "GM0687", "name": "Middelburg (Z.)"}]
    assert body["office"]["name"] == "MEE NL"


def test_unknown_postcode_has_no_municipalities_and_no_office(client, demo_site):
    body = client.get(URL, {"postcode": "1000"}).json()
    assert body == {"postcode": "1000", "municipalities": [], "office": None}


def test_postcode_spanning_offices_has_no_office(client, demo_site):
    other = (
        PostcodeArea.objects.filter(pc4="5383").order_by("share").first().municipality
    )
    other.office = RegionalOfficePage.objects.get(
        slug="mee-oost", locale__language_code="nl"
    )
    other.save()
    body = client.get(URL, {"postcode": "5383"}).json()
    assert len(body["municipalities"]) == 2 and body["office"] is None


def test_invalid_postcode_is_a_translated_problem(client, demo_site):
    response = client.get(URL, {"postcode": "12345"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400 and body["title"] == "Bad Request"
    assert body["detail"].startswith("Vul een Nederlandse postcode in")


def test_no_parameter_is_a_problem(client, demo_site):
    response = client.get(URL)
    assert response.status_code == 400
    assert response.json()["detail"]


def test_the_openapi_document_lists_the_route(client):
    paths = client.get("/api/v3/openapi.json").json()["paths"]
    assert "/api/v3/contact/route/" in paths
    assert "/api/v3/pages/" in paths


def test_unknown_locale_is_a_translated_problem(client, demo_site, settings):
    """As in every read router: no silent fall back to the caller's language."""
    response = client.get(
        URL, {"postcode": "9711AB", "locale": "fr"}, HTTP_ACCEPT_LANGUAGE="nl"
    )
    body = assert_problem(response, 400)
    assert body["detail"] == "Onbekende taal “fr”; bekende talen: en, nl."
    english = client.get(URL, {"postcode": "9711AB", "locale": "en"}).json()
    assert english["office"]["url"] == (
        f"{settings.WAGTAILAPI_BASE_URL}/en/regions/mee-groningen/"
    )
