"""Staff journeys in Chromium through the real admin: office staff and administrator.

Office staff sign in, see their own new request and its count, find no trace of
another office's request wherever they can go, and export a CSV that Dutch Excel
opens in columns. The administrator adds German, translates a page in the
translation editor, publishes it and finds "Deutsch" in the public switcher.
"""

import csv
import io
import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.log_actions import log

from contact.factories import ContactRequestFactory
from contact.models import ContactRequest
from services.models import ServiceIndexPage

from .contact_helpers import office, team_member

pytestmark = pytest.mark.browser

PASSWORD = "reis-door-de-admin-7"
THEIR_REFERENCE = "AMZ0417"
THEIR_SCHOOL = "Basisschool De Zaanse Wiek"
OUR_REFERENCE = "GRO0311"
OUR_SCHOOL = "OBS Het Hoogeland"


def sign_in(page, base_url, username):
    page.goto(base_url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(base_url + "/admin/")


def main_text(page):
    return page.locator("main").inner_text()


def assert_no_trace(page):
    html = page.content()
    assert THEIR_REFERENCE not in html
    assert THEIR_SCHOOL not in html


def test_office_staff_see_their_own_requests_only(live_demo, browser_page):
    groningen, amstel = office("mee-groningen"), office("mee-amstel-en-zaan")
    user = team_member(groningen, "groningen")
    user.set_password(PASSWORD)
    user.save()
    administrator = get_user_model().objects.create_superuser(
        "beheerder", "beheer@example.org", PASSWORD
    )
    ContactRequestFactory(
        office=groningen, reference=OUR_REFERENCE, school_name=OUR_SCHOOL
    )
    theirs = ContactRequestFactory(
        office=amstel, reference=THEIR_REFERENCE, school_name=THEIR_SCHOOL
    )
    # What an administrator's status change leaves in the admin's log.
    theirs.status = ContactRequest.Status.IN_PROGRESS
    theirs.save()
    log(theirs, "wagtail.edit", user=administrator)

    page = browser_page
    base = live_demo.url
    sign_in(page, base, "groningen")

    summary = page.get_by_role("link", name="1 nieuwe aanvraag")
    assert summary.is_visible()
    assert_no_trace(page)
    summary.click()
    page.wait_for_url("**/admin/requests/?status=new")
    assert OUR_REFERENCE in main_text(page)
    assert OUR_SCHOOL in main_text(page)
    assert_no_trace(page)

    # The inbox's own search, for the other office's school and reference.
    for query in ("Zaanse", "AMZ04"):
        search = page.locator("input[name=q]").first
        search.fill(query)
        search.press("Enter")
        page.wait_for_load_state("networkidle")
        assert_no_trace(page)

    # Search across the admin, and the site history with its filters.
    for path in (
        "/admin/pages/search/?q=Zaanse",
        "/admin/pages/search/?q=AMZ04",
        "/admin/reports/site-history/",
    ):
        page.goto(base + path)
        assert_no_trace(page)
    page.goto(base + "/admin/requests/")
    page.get_by_role("link", name=OUR_REFERENCE).click()
    page.wait_for_url("**/admin/requests/edit/*/")
    page.get_by_label("Status").select_option(label="In behandeling")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state("networkidle")
    page.goto(base + "/admin/reports/site-history/")
    assert OUR_REFERENCE in main_text(page)
    assert_no_trace(page)

    # The export, as Dutch Excel opens it: BOM, semicolons, our rows only.
    page.goto(base + "/admin/requests/")
    page.locator("header button[aria-label=Acties]").first.click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    with open(download_info.value.path(), "rb") as handle:
        body = handle.read()
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows[0]) > 10
    assert all(len(row) == len(rows[0]) for row in rows)
    assert [row[0] for row in rows[1:]] == [OUR_REFERENCE]
    assert OUR_SCHOOL in rows[1]
    assert THEIR_REFERENCE not in text and THEIR_SCHOOL not in text


def test_administrator_adds_german_and_publishes_a_translation(live_demo, browser_page):
    get_user_model().objects.create_superuser(
        "beheerder", "beheer@example.org", PASSWORD
    )
    page = browser_page
    base = live_demo.url
    sign_in(page, base, "beheerder")

    # Settings > Locales > add German, synchronised from Dutch.
    page.goto(base + "/admin/locales/")
    page.get_by_role("link", name="Een taalregio toevoegen").click()
    page.wait_for_url(base + "/admin/locales/new/")
    page.locator("select[name=language_code]").select_option("de")
    page.get_by_role("button", name="Inschakelen").click()
    page.locator("select[name$='-sync_from']").select_option(label="Nederlands")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(base + "/admin/locales/")
    assert "Deutsch" in main_text(page)

    # Translate the Dutch services index into German in the translation editor.
    dutch = ServiceIndexPage.objects.get(locale__language_code="nl")
    page.goto(base + f"/admin/pages/{dutch.pk}/edit/")
    page.get_by_role("button", name="Acties", exact=True).click()
    page.get_by_role("link", name="Vertaal deze pagina").click()
    page.get_by_label("Deutsch").check()
    page.get_by_role("button", name="Verzenden").click()
    page.wait_for_url("**/admin/pages/*/edit/")

    # wagtail-localize hard-codes this label in English; the admin gives it in Dutch.
    page.get_by_role("button", name="Meer acties").wait_for()
    assert "More actions" not in page.content()

    german_texts = {
        dutch.title: "Dienstleistungen",
        dutch.slug: "dienstleistungen",
    }
    german_intro = (
        "MEE bietet Schulen konkrete Möglichkeiten, gefährdete Kinder (wieder) in "
        "den Blick zu nehmen."
    )
    translate = page.get_by_role("button", name="Vertaal", exact=True)
    translate.first.wait_for()
    translated = []
    # The title and introduction are on the content tab, the slug on properties.
    for tab in ("Inhoud", "Eigenschappen"):
        page.get_by_role("tab", name=tab).click()
        while translate.count():
            button = translate.first.element_handle()
            segment = button.query_selector("xpath=ancestor::*[4]")
            source = segment.inner_text().rsplit("Vertaal", 1)[0].strip()
            button.click()
            segment.wait_for_selector("textarea").fill(
                german_texts.get(source, german_intro)
            )
            segment.query_selector("button:text-is('Opslaan')").click()
            segment.wait_for_selector("textarea", state="detached")
            translated.append(source)
    assert len(translated) == 3
    assert {dutch.title, dutch.slug} <= set(translated)

    page.get_by_role("button", name=re.compile(r"^Publiceer in ?Deutsch$")).click()
    page.wait_for_load_state("networkidle")

    german = ServiceIndexPage.objects.get(locale__language_code="de")
    assert german.live
    assert german.title == "Dienstleistungen"

    page.goto(base + "/de/dienstleistungen/")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("h1").inner_text() == "Dienstleistungen"
    switcher = page.locator("nav.language-switcher")
    assert (
        switcher.get_by_role("link", name="Deutsch").get_attribute("aria-current")
        == "true"
    )
    page.goto(base + dutch.url)
    deutsch = page.locator("nav.language-switcher").get_by_role("link", name="Deutsch")
    assert deutsch.get_attribute("href") == "/de/dienstleistungen/"
