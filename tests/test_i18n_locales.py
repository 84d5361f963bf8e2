"""Locales are an admin action; machine translation is configuration."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from wagtail.models import Locale, Page

from home.models import HomePage
from localization.status import Status, translation_rows
from portal.settings.base import machine_translation

SYNC = "component-wagtail_localize_localesynchronization"


def test_adding_german_in_the_admin_creates_a_synchronised_tree(
    admin_client, client, demo_site
):
    dutch = Locale.objects.get(language_code="nl")
    response = admin_client.post(
        reverse("wagtaillocales:add"),
        {
            "language_code": "de",
            f"{SYNC}-enabled": "on",
            f"{SYNC}-sync_from": dutch.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    german = Locale.objects.get(language_code="de")

    dutch_pages = Page.objects.descendant_of(demo_site, inclusive=True)
    german_home = HomePage.objects.get(locale=german)
    german_pages = Page.objects.descendant_of(german_home, inclusive=True)
    assert german_pages.count() == dutch_pages.count()
    assert set(german_pages.values_list("translation_key", flat=True)) == set(
        dutch_pages.values_list("translation_key", flat=True)
    )
    assert not german_pages.filter(alias_of__isnull=True).exists()

    # The German tree serves the Dutch text, saying so, and the report lists it.
    html = BeautifulSoup(client.get("/de/").content, "html.parser")
    assert html.html["lang"] == "de"
    assert html.select_one("main")["lang"] == "nl"
    rows = translation_rows("de")
    assert {row.status for row in rows} == {Status.NOT_TRANSLATED, Status.MISSING}
    assert sum(row.status == Status.NOT_TRANSLATED for row in rows) == (
        dutch_pages.count()
    )
    # The switcher now offers German too.
    switcher = BeautifulSoup(
        client.get("/nl/diensten/toekomstcoach/").content, "html.parser"
    ).select_one("nav.language-switcher")
    assert switcher.select_one('a[lang="de"]')["href"] == "/de/"


def test_a_language_without_a_locale_serves_no_pages(client, demo_site):
    assert client.get("/de/").status_code == 404
    assert client.get("/de/diensten/toekomstcoach/").status_code == 404
    # English URLs take English slugs only.
    assert client.get("/en/diensten/toekomstcoach/").status_code == 404


def test_no_machine_translation_without_configuration():
    assert machine_translation({}) is None


def test_deepl_and_libretranslate_are_configured_from_the_environment():
    deepl = machine_translation(
        {"PORTAL_MACHINE_TRANSLATOR": "deepl", "DEEPL_AUTH_KEY": "key:fx"}
    )
    assert deepl["CLASS"].endswith("deepl.DeepLTranslator")
    assert deepl["OPTIONS"] == {"AUTH_KEY": "key:fx"}
    libre = machine_translation(
        {
            "PORTAL_MACHINE_TRANSLATOR": "LibreTranslate",
            "LIBRETRANSLATE_URL": "https://translate.example.org",
        }
    )
    assert libre["CLASS"].endswith("libretranslate.LibreTranslator")
    assert libre["OPTIONS"]["LIBRETRANSLATE_URL"] == "https://translate.example.org"


@pytest.mark.parametrize(
    "environ",
    [
        {"PORTAL_MACHINE_TRANSLATOR": "deepl"},
        {"PORTAL_MACHINE_TRANSLATOR": "libretranslate"},
        {"PORTAL_MACHINE_TRANSLATOR": "google"},
    ],
)
def test_incomplete_machine_translation_settings_fail_fast(environ):
    with pytest.raises(ImproperlyConfigured):
        machine_translation(environ)
