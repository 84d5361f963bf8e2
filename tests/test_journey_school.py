"""The school's journey in Chromium: search, a service, the contact form, the mail.

A school looks for help with the header's search box, opens a service from the
results, goes to the contact form from the service page, sees its MEE office named
while it types its postcode, sends the form as a person fills it in and is thanked
with a reference; the confirmation then arrives on the SMTP server, as written.
"""

import re
import time

import pytest

from contact.models import ContactRequest
from services.models import ServicePage

pytestmark = pytest.mark.browser

CONTACT_NAME = "Anouk 't Hart"
SCHOOL_EMAIL = "zorg@de-wilg.example.org"


def wait_for_mail(mailbox, address, seconds=10):
    deadline = time.monotonic() + seconds
    while not mailbox.to(address) and time.monotonic() < deadline:
        time.sleep(0.1)
    return mailbox.to(address)


def test_a_school_finds_a_service_asks_for_it_and_gets_a_confirmation(
    live_demo, browser_page, mailbox
):
    page = browser_page
    page.goto(live_demo.url + "/nl/")

    # Search from the box in the header.
    header_search = page.get_by_role("search").get_by_role("searchbox", name="Zoeken")
    header_search.press_sequentially("schoolmaatschappelijk werk", delay=20)
    header_search.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=schoolmaatschappelijk\+werk"))
    results = page.locator("ol.search-results > li")
    results.first.wait_for()
    titles = results.locator("h2 a").all_inner_texts()
    assert titles[0] == "Schoolmaatschappelijk werk", titles
    assert "leefwereld" in results.first.inner_text()

    # The service, from the results.
    results.first.get_by_role("link", name="Schoolmaatschappelijk werk").click()
    page.wait_for_url("**/nl/diensten/schoolmaatschappelijk-werk/")
    assert page.locator("h1").inner_text() == "Schoolmaatschappelijk werk"
    assert "brugfunctie tussen onderwijs, gezin en" in page.locator("main").inner_text()
    service = ServicePage.objects.get(
        slug="schoolmaatschappelijk-werk", locale__language_code="nl"
    )
    page.locator(".actions").get_by_role("link", name=service.cta_text).click()

    # The contact form, the service chosen.
    page.wait_for_url(f"**/nl/contact/?service={service.pk}")
    assert page.locator("h1").inner_text() == "Contact"
    chosen = page.get_by_label("Dienst waarin u geïnteresseerd bent").input_value()
    assert chosen == "Schoolmaatschappelijk werk"
    privacy = page.locator(".callout").inner_text()
    assert "geen naam, geboortedatum of diagnose" in privacy

    page.get_by_label("Naam van de school").press_sequentially("OBS De Wilg", delay=10)
    page.get_by_label("Soort school").select_option(label="Basisonderwijs")
    status = page.locator("#route-status")
    assert status.inner_text() == ""
    # The office is named while the school types, before it leaves the field.
    page.get_by_label("Postcode van de school").press_sequentially("9711 AB", delay=60)
    status.filter(has_text="MEE Groningen").wait_for()
    assert status.inner_text() == "Uw aanvraag gaat naar MEE Groningen."
    assert page.get_by_label("Postcode van de school").evaluate(
        "element => element === document.activeElement"
    )
    assert not page.locator("#field-municipality").is_visible()

    page.get_by_label("Uw naam").press_sequentially(CONTACT_NAME, delay=10)
    page.get_by_label("Uw functie op school").press_sequentially(
        "Intern begeleider", delay=10
    )
    page.get_by_label("E-mailadres").press_sequentially(SCHOOL_EMAIL, delay=10)
    page.get_by_label("Uw vraag", exact=True).press_sequentially(
        'Wij zoeken hulp voor een groep "kwetsbare" leerlingen & hun ouders.',
        delay=5,
    )
    page.get_by_label("Ik ga ermee akkoord").check()
    page.get_by_role("button", name="Aanvraag versturen").click()

    # Thanked, with a reference.
    page.wait_for_url("**/nl/contact/thanks/?request=*")
    assert page.locator("h1").inner_text() == "Bedankt, uw aanvraag is verstuurd"
    assert page.locator(".routed-office").inner_text() == (
        "Uw aanvraag gaat naar MEE Groningen."
    )
    contact_request = ContactRequest.objects.get()
    reference = contact_request.reference
    assert f"Uw kenmerk is {reference}." in page.locator("main").inner_text()
    assert contact_request.contact_name == CONTACT_NAME
    assert contact_request.service == service
    assert contact_request.office.slug == "mee-groningen"
    assert contact_request.question == (
        'Wij zoeken hulp voor een groep "kwetsbare" leerlingen & hun ouders.'
    )

    # The confirmation, on the SMTP server, with the name as the school typed it.
    (confirmation,) = wait_for_mail(mailbox, SCHOOL_EMAIL)
    assert confirmation["subject"] == f"We hebben uw aanvraag ontvangen ({reference})"
    body = confirmation["body"]
    assert body.startswith(f"Beste {CONTACT_NAME},")
    assert "&#x27;" not in body and "&amp;" not in body
    assert f"Kenmerk: {reference}" in body
    assert "gestuurd naar MEE Groningen" in body
    assert "kwetsbare" not in body  # the question stays in the database
    (notification,) = wait_for_mail(mailbox, "mee-groningen@example.org")
    assert reference in notification["subject"]
    assert CONTACT_NAME not in notification["body"]
