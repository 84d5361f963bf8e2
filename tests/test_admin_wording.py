"""The Dutch admin reads as Dutch: no English left on the screens the portal uses,
no placeholder glued to the next word by the installed apps' Dutch catalogues."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import trans_real
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from services.models import ServicePage

from .contact_helpers import make_user

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
ENGLISH_MONTHS = ("January", "February", "March", "April", "June", "July", "August")
ENGLISH_MONTHS += ("September", "October", "November", "December")


@pytest.fixture
def administrator(demo_site, client):
    user = make_user("beheerder", is_superuser=True)
    client.force_login(user)
    return user


@pytest.fixture
def service(demo_site):
    return ServicePage.objects.get(slug="toekomstcoach", locale__language_code="nl")


def text_of(response):
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    # No separator between elements: a word glued to a placeholder stays glued.
    return " ".join(html.get_text().split()), html


def test_the_dashboard_summary_has_its_spaces(client, administrator):
    text, html = text_of(client.get(reverse("wagtailadmin_home"), **ENGLISH_BROWSER))
    summary = " ".join(html.select_one(".w-summary").get_text(" ").split())
    assert "afbeeldingen aangemaakt in MEE en het Nationaal Programma" in summary
    assert "inMEE" not in text


def test_the_help_menu_names_the_editor_guide_in_dutch(client, administrator):
    response = client.get(reverse("wagtailadmin_home"))
    content = response.content.decode()
    assert "Editor Guide" not in content
    assert "Handleiding voor redacteuren (Engelstalig)" in content


def test_the_locales_list_counts_in_dutch(client, administrator):
    Locale.objects.create(language_code="de")
    text, _html = text_of(client.get(reverse("wagtaillocales:index")))
    assert " pages" not in text
    assert "others" not in text
    assert "0 pagina's" in text
    english = Locale.objects.get(language_code="en")
    assert f"{Page.objects.filter(locale=english).count()} pagina's + " in text
    assert "andere items" in text


def test_the_add_locale_heading_is_dutch(client, administrator):
    text, html = text_of(client.get(reverse("wagtaillocales:add")))
    heading = " ".join(html.select_one("h1").get_text(" ").split())
    assert heading == "Taalregio toevoegen"
    assert "Locale" not in text


@pytest.fixture
def english_service(service):
    english = Locale.objects.get(language_code="en")
    translation = Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(service),
        target_locale=english,
    )
    po = translation.export_po()
    next(entry for entry in po if entry.msgctxt == "summary").msgstr = "Coaching."
    translation.import_po(po)
    return service.get_translation(english)


def translation_editor(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    _text, html = text_of(response)
    return html.select_one(".js-translation-editor")


def test_the_translation_editor_dates_name_the_month_in_dutch(
    client, administrator, english_service
):
    editor = translation_editor(client, english_service)
    props = json.loads(editor["data-props"])
    comments = [entry["comment"] for entry in props["initialStringTranslations"]]
    month = date_format(localtime(), "F")
    assert f"Handmatig vertaald op {localtime().day} {month} " in comments[0]
    assert month.islower()
    assert not any(name in " ".join(comments) for name in ENGLISH_MONTHS)


def test_the_translation_editor_heading_is_dutch(
    client, administrator, english_service
):
    editor = translation_editor(client, english_service)
    assert editor["data-section-title"] == "Vertaling van Nederlands naar English"


@pytest.mark.browser
def test_the_translation_editor_shows_its_dutch_heading(live_demo, browser_page):
    make_user("beheerder", is_superuser=True)
    english = Locale.objects.get(language_code="en")
    service = ServicePage.objects.get(slug="toekomstcoach", locale__language_code="nl")
    target = service.get_translation(english)
    page = browser_page
    page.goto(live_demo.url + "/admin/login/")
    page.fill("#id_username", "beheerder")
    page.fill("#id_password", "x")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(live_demo.url + "/admin/")
    page.goto(live_demo.url + reverse("wagtailadmin_pages:edit", args=[target.pk]))
    heading = page.locator(".js-translation-editor section h3").first
    assert heading.inner_text() == "Vertaling van Nederlands naar English"
    assert "translation" not in page.locator(".js-translation-editor").inner_text()


def test_an_untranslated_alias_names_its_source(client, administrator, service):
    german = Locale.objects.create(language_code="de")
    alias = service.copy_for_translation(german, copy_parents=True, alias=True)
    text, _html = text_of(
        client.get(reverse("wagtailadmin_pages:edit", args=[alias.pk]))
    )
    assert "Het is een kopie van de pagina in het Nederlands." in text
    assert "Nederlandspagina" not in text


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def surroundings(text):
    """Each placeholder with the characters just before and after it."""
    found = {}
    for match in PLACEHOLDER.finditer(text):
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        found.setdefault(match.group(), []).append((before, after))
    return found


def glued(msgid, msgstr):
    """A placeholder the English keeps apart from the words around it but the Dutch
    glues to a word, as in "aangemaakt in%(site_name)s"."""
    english = surroundings(msgid)
    for placeholder, dutch in surroundings(msgstr).items():
        spaced_before = any(b.isspace() for b, _a in english.get(placeholder, []))
        spaced_after = any(a.isspace() for _b, a in english.get(placeholder, []))
        for before, after in dutch:
            if (spaced_before and before.isalpha()) or (
                spaced_after and after.isalpha()
            ):
                return True
    return False


def test_no_dutch_message_glues_a_placeholder_to_a_word():
    """Every catalogue Django merges for the admin, the project's corrections last."""
    catalogue = trans_real.translation("nl")._catalog
    faults = []
    # items() walks every layered catalogue, also the entries the project overrides:
    # look each message up again for the one Django uses.
    for key in {key for key, _msgstr in catalogue.items()}:
        msgid, msgstr = key[0] if isinstance(key, tuple) else key, catalogue[key]
        if msgstr and glued(msgid.split("\x04")[-1], msgstr):
            faults.append((msgid, msgstr))
    assert faults == []
