"""The editors' journeys through the real admin in Chromium, one test per role.

The redacteur creates a service, submits it, translates it into English in the
translation editor and submits the translation, finding no way to publish on any
of those screens. The eindredacteur starts from such a service and translation,
prepared in code as a Redactie member submits them: finds both under "Awaiting
your review", compares the translation with its source and approves both: the
Dutch page is live under /nl/, the English one under /en/ with English text only.
"""

import re

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect
from wagtail.models import Locale
from wagtail_localize.models import Translation
from wagtail_localize.operations import translate_object

from core.factories import stream
from localization.review import save_for_review, start_review
from services.factories import ServicePageFactory
from services.models import ServiceIndexPage, ServicePage

from .editorial_helpers import editor, moderator, translation_of

pytestmark = pytest.mark.browser

DUTCH = {
    "title": "Weerbaar op school",
    "summary": "Trainingen in weerbaarheid voor leerlingen die vaak worden gepest.",
}
# Every segment of the new page: its tab in the translation editor, source, English.
SEGMENTS = [
    ("Inhoud", "Weerbaar op school", "Resilient at school"),
    (
        "Inhoud",
        DUTCH["summary"],
        "Resilience training for pupils who are often bullied.",
    ),
    (
        "Inhoud",
        "Vraag deze dienst aan voor uw school",
        "Request this service for your school",
    ),
    ("Eigenschappen", "weerbaar-op-school", "resilient-at-school"),
]
ENGLISH = {source: english for _tab, source, english in SEGMENTS}
PUBLISH = re.compile(r"\bpubli(ceer|ceren|sh)", re.I)
DUTCH_WORDS = re.compile(r"\b(weerbaar|leerlingen|gepest|vraag|dienst|uw)\b", re.I)


def log_in(page, base_url, user):
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "x")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(base_url + "/admin/")


def awaiting_review(page):
    """The dashboard's "Awaiting your review" panel."""
    heading = page.get_by_role("heading", name="In afwachting van jouw beoordeling")
    return page.locator(".w-panel", has=heading)


def assert_no_publish_action(page):
    """Nothing on the screen publishes: no publish button or menu item, open or not."""
    expect(page.locator('[name="action-publish"]')).to_have_count(0)
    expect(page.locator('button[value="publish"]')).to_have_count(0)
    labels = page.locator("button, a, [role=menuitem]").all_inner_texts()
    assert not [label for label in labels if PUBLISH.search(label)]


def open_action_menu(page):
    """Opens the editor footer's "More actions" menu."""
    page.wait_for_load_state("networkidle")
    toggle = page.locator("footer").get_by_role("button", name="Meer acties")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")


def test_redacteur_journey(live_demo, browser_page):
    page, base_url = browser_page, live_demo.url
    log_in(page, base_url, editor())
    index = ServiceIndexPage.objects.get(locale__language_code="nl")

    # A new service under the Dutch services index, submitted for review.
    page.goto(f"{base_url}/admin/pages/{index.pk}/")
    page.get_by_role(
        "link", name=re.compile("onderliggende pagina", re.I)
    ).first.click()
    link = page.get_by_role("link", name=re.compile("^MEE-dienst", re.I))
    if link.count():
        link.first.click()
    page.fill("#id_title", DUTCH["title"])
    page.fill("#id_summary", DUTCH["summary"])
    open_action_menu(page)
    assert_no_publish_action(page)
    page.locator('button[name="action-submit"]').click()
    expect(page.locator(".messages")).to_contain_text(DUTCH["title"])
    dutch = ServicePage.objects.get(title=DUTCH["title"], locale__language_code="nl")
    assert not dutch.live
    assert dutch.current_workflow_state.status == "in_progress"

    # Actions > "Vertaal deze pagina", English.
    page.goto(f"{base_url}/admin/pages/{dutch.pk}/edit/")
    page.get_by_role("button", name=re.compile("Acties|Actions")).first.click()
    page.get_by_role("link", name="Vertaal deze pagina").click()
    page.get_by_label("English").check()
    assert_no_publish_action(page)
    page.locator("main form [type=submit]").first.click()

    # The translation editor: every segment translated and saved.
    editor_root = page.locator(".js-translation-editor")
    for tab, source, english in SEGMENTS:
        editor_root.get_by_role("tab", name=tab).click()
        segment = editor_root.locator("li", has_text=source).last
        segment.get_by_role("button", name="Vertaal").click()
        segment.locator("textarea").fill(english)
        segment.get_by_role("button", name="Opslaan").click()
        expect(segment).to_contain_text(english)
        expect(segment).not_to_contain_text("Bezig met opslaan")
    english_page = ServicePage.objects.get(
        translation_key=dutch.translation_key, locale__language_code="en"
    )
    translation = Translation.objects.get(
        source__object_id=dutch.translation_key, target_locale=english_page.locale
    )
    assert translation.get_progress() == (len(SEGMENTS), len(SEGMENTS))
    assert_no_publish_action(page)

    review = page.locator("[data-localization-review]")
    review.get_by_role("button", name="Stuur door naar Eindredactie").click()
    expect(page.locator(".messages")).to_contain_text("ter beoordeling ingediend")
    expect(review).to_contain_text("wacht op beoordeling")
    assert_no_publish_action(page)


def submitted_for_review(redacteur):
    """A new Dutch service and its English translation, both sent to Eindredactie
    by ``redacteur`` as the redacteur's journey leaves them."""
    english = Locale.objects.get(language_code="en")
    dutch = ServicePageFactory(
        parent=ServiceIndexPage.objects.get(locale__language_code="nl"),
        title=DUTCH["title"],
        summary=DUTCH["summary"],
        body=stream(),
        owner=redacteur,
        live=False,
        publish=False,
    )
    dutch.save_revision(user=redacteur)
    start_review(dutch, redacteur)

    # What "Translate this page" does, then every segment translated and submitted.
    translate_object(dutch, [english], user=redacteur)
    translation = translation_of(dutch, english)
    po = translation.export_po()
    for entry in po:
        entry.msgstr = ENGLISH[entry.msgid]
    translation.import_po(po, user=redacteur)
    assert translation.get_progress() == (len(SEGMENTS), len(SEGMENTS))
    english_page = ServicePage.objects.get(
        translation_key=dutch.translation_key, locale=english
    )
    save_for_review(translation, english_page, redacteur)

    for page in (dutch, english_page):
        page.refresh_from_db()
        assert not page.live
        assert page.current_workflow_state.status == "in_progress"
    return dutch, english_page


def test_eindredacteur_journey(live_demo, browser_page):
    page, base_url = browser_page, live_demo.url
    dutch, english_page = submitted_for_review(editor())
    log_in(page, base_url, moderator())
    awaiting = awaiting_review(page)
    expect(awaiting).to_contain_text(DUTCH["title"])
    expect(awaiting).to_contain_text(ENGLISH[DUTCH["title"]])

    # The translation, next to its Dutch source in the translation editor.
    awaiting.get_by_role("link", name=ENGLISH[DUTCH["title"]]).first.click()
    review = page.locator("[data-localization-review]")
    expect(review).to_contain_text("wacht op beoordeling")
    expect(page.locator(".js-translation-editor")).to_contain_text(DUTCH["summary"])
    expect(page.locator(".js-translation-editor")).to_contain_text(
        ENGLISH[DUTCH["summary"]]
    )
    review.get_by_role("button", name="Goedkeuren").click()
    expect(review).not_to_contain_text("wacht op beoordeling")
    expect(page.get_by_text("Status: Live").first).to_be_attached()

    # The Dutch page, approved in its editor.
    page.goto(f"{base_url}/admin/")
    awaiting = awaiting_review(page)
    awaiting.get_by_role("link", name=DUTCH["title"]).first.click()
    open_action_menu(page)
    approve = page.locator(
        "footer button[data-workflow-action-name=approve]"
        ":not([data-workflow-action-modal-url])"
    )
    expect(approve).to_have_text("Goedkeuren en publiceren")
    approve.click()
    expect(page.locator(".messages li").first).to_contain_text(DUTCH["title"])

    dutch.refresh_from_db()
    english_page.refresh_from_db()
    assert dutch.live and english_page.live

    page.goto(base_url + "/nl/diensten/weerbaar-op-school/")
    expect(page.locator("main h1")).to_have_text(DUTCH["title"])
    page.goto(base_url + "/en/services/resilient-at-school/")
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("main h1")).to_have_text(ENGLISH[DUTCH["title"]])
    main = BeautifulSoup(page.locator("main").inner_html(), "html.parser")
    text = main.get_text(" ", strip=True)
    assert ENGLISH[DUTCH["summary"]] in text
    assert DUTCH["summary"] not in text
    assert not DUTCH_WORDS.findall(text), text
