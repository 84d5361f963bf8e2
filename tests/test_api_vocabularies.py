"""GET /api/v3/vocabularies/: taxonomy, measures and offices per locale."""

import pytest

from services.models import Theme

from .api_helpers import assert_problem, english

pytestmark = pytest.mark.django_db
URL = "/api/v3/vocabularies/"


def test_the_list_names_every_vocabulary(client, demo_site):
    body = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").json()
    assert [v["name"] for v in body] == [
        "target-groups",
        "themes",
        "school-types",
        "measures",
        "offices",
    ]
    assert body[1] == {
        "name": "themes",
        "label": "Themes",
        "api_url": "/api/v3/vocabularies/themes/",
    }


def test_school_types_have_tokens_and_dutch_titles(client, demo_site):
    body = client.get(URL + "school-types/", {"locale": "nl"}).json()
    assert body["locale"] == "nl" and body["name"] == "school-types"
    titles = {term["token"]: term["title"] for term in body["terms"]}
    assert titles["po"] == "Basisonderwijs"
    assert titles["mbo"] == "Mbo"
    assert len(titles) == 6


def test_measures_and_offices_are_pages_with_urls(client, demo_site):
    measures = client.get(URL + "measures/").json()["terms"]
    assert [m["token"] for m in measures] == ["3.1", "3.2", "3.5", "4.1"]
    assert measures[0]["url"].startswith("/nl/maatregelen/31-")
    assert measures[0]["api_url"] == f"/api/v3/content/pages/{measures[0]['id']}/"
    offices = client.get(URL + "offices/").json()["terms"]
    groningen = next(o for o in offices if o["token"] == "mee-groningen")
    assert groningen["title"] == "MEE Groningen"
    assert len(offices) == 17


def test_terms_follow_the_locale_asked_for(client, demo_site):
    theme = Theme.objects.get(slug="mediawijsheid", locale__language_code="nl")
    translated = theme.get_translation(english())
    body = client.get(URL + "themes/", {"locale": "en"}).json()
    terms = {term["token"]: term for term in body["terms"]}
    assert len(terms) == Theme.objects.filter(locale=english()).count()
    assert terms["mediawijsheid"] == {
        "id": translated.pk,
        "token": "mediawijsheid",
        "title": "Media literacy",
        "description": "",
        "locale": "en",
        "translation_key": str(theme.translation_key),
    }


def test_unknown_vocabulary_and_locale_are_problems(client, demo_site):
    assert_problem(client.get(URL + "colours/"), 404)
    assert_problem(client.get(URL + "themes/", {"locale": "xx"}), 400)
