"""GET /api/v3/site/ and /api/v3/site/locales/: what a front end loads first."""

import json

import pytest
from wagtail.models import Page

from core.models import FooterSettings

from .api_helpers import english_service

pytestmark = pytest.mark.django_db
URL = "/api/v3/site/"


def test_the_dutch_site(client, demo_site, settings):
    # The public base URL with its port; it was the Site record's ``http://localhost``.
    settings.WAGTAILAPI_BASE_URL = "http://127.0.0.1:8123"
    body = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["name"] == "MEE voor scholen"
    assert body["root_url"] == "http://127.0.0.1:8123"
    assert body["default_locale"] == "nl"
    assert [locale["code"] for locale in body["locales"]] == ["nl", "en"]
    assert body["locales"][0] == {
        "code": "nl",
        "name": "Dutch",
        "native_name": "Nederlands",
        "is_default": True,
        "home": {
            "id": demo_site.pk,
            "title": demo_site.title,
            "type": "home.HomePage",
            "url": "/nl/",
            "api_url": f"/api/v3/content/pages/{demo_site.pk}/",
        },
        "contact_page": {
            "id": demo_site.contact_page_id,
            "title": "Contact",
            "type": "contact.ContactFormPage",
            "url": "/nl/contact/",
            "api_url": f"/api/v3/content/pages/{demo_site.contact_page_id}/",
        },
        "search_url": "/nl/search/",
    }
    assert body["footer"]["organisation"] == "MEE NL"
    assert body["footer"]["email"] == "info@example.org"
    assert body["footer"]["accessibility_page"]["url"] == "/nl/toegankelijkheid/"
    assert body["footer"]["colophon_page"]["url"] == "/nl/colofon/"


def test_the_footer_with_social_links_and_privacy_page(client, demo_site):
    footer = FooterSettings.for_site(demo_site.get_site())
    footer.social_links = json.dumps(
        [
            {
                "type": "link",
                "value": {"platform": "linkedin", "url": "https://linkedin.example"},
            }
        ]
    )
    footer.privacy_page = Page.objects.get(slug="contact", locale__language_code="nl")
    footer.save()
    body = client.get(URL).json()["footer"]
    assert body["social_links"][0]["type"] == "link"
    assert body["social_links"][0]["value"] == {
        "platform": "linkedin",
        "url": "https://linkedin.example",
    }
    assert body["privacy_page"]["url"] == "/nl/contact/"


def test_english_locale_with_its_own_home_and_contact_page(client, demo_site):
    english_service(demo_site)
    body = client.get(URL).json()
    english = next(locale for locale in body["locales"] if locale["code"] == "en")
    assert english["is_default"] is False
    assert english["home"]["url"] == "/en/"
    assert english["search_url"] == "/en/search/"
    contact_en = Page.objects.get(slug="contact", locale__language_code="en")
    assert english["contact_page"]["id"] == contact_en.pk
    assert english["contact_page"]["url"] == "/en/contact/"
    # Without a live English contact page there is no link to the Dutch one.
    contact_en.specific.unpublish()
    english = next(
        locale for locale in client.get(URL).json()["locales"] if locale["code"] == "en"
    )
    assert english["contact_page"] is None


def test_locales_list_every_language_with_its_home(client, demo_site):
    english_service(demo_site)
    body = client.get(URL + "locales/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert [(locale["code"], locale["name"]) for locale in body] == [
        ("nl", "Dutch"),
        ("en", "English"),
    ]
    assert [locale["home"]["url"] for locale in body] == ["/nl/", "/en/"]
