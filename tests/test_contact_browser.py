"""A school goes from a service page to the form, sees its office, and is thanked."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from contact.models import ContactRequest

from .test_accessibility import WCAG_21_AA

pytestmark = pytest.mark.browser


def test_school_requests_a_service_and_sees_the_routed_office(live_demo, browser_page):
    page = browser_page
    page.goto(live_demo.url + "/nl/diensten/toekomstcoach/")
    page.get_by_role("link", name="Vraag deze dienst aan voor uw school").click()
    page.wait_for_url("**/nl/contact/?service=*")
    service = page.get_by_label("Dienst waarin u geïnteresseerd bent")
    assert service.input_value() == "Toekomstcoach"
    assert not page.locator("#field-municipality").is_visible()

    page.get_by_label("Naam van de school").fill("Praktijkschool De Brug")
    page.get_by_label("Soort school").select_option(label="Praktijkonderwijs")
    page.get_by_label("Postcode van de school").fill("6211 AB")
    status = page.locator("#route-status")
    status.filter(has_text="MEE Zuid-Limburg").wait_for()
    assert status.inner_text() == "Uw aanvraag gaat naar MEE Zuid-Limburg."
    page.get_by_label("Uw naam").fill("Jan Peeters")
    page.get_by_label("Uw functie op school").fill("Zorgcoördinator")
    page.get_by_label("E-mailadres").fill("zorg@debrug.example.org")
    page.get_by_label("Uw vraag", exact=True).fill(
        "Wij willen een toekomstcoach inzetten."
    )
    page.get_by_label("Ik ga ermee akkoord").check()
    page.wait_for_timeout(1100)  # the form refuses sends faster than a person types
    page.get_by_role("button", name="Aanvraag versturen").click()

    page.wait_for_url("**/nl/contact/thanks/?request=*")
    assert page.locator("h1").inner_text() == "Bedankt, uw aanvraag is verstuurd"
    assert page.locator(".routed-office").inner_text() == (
        "Uw aanvraag gaat naar MEE Zuid-Limburg."
    )
    contact_request = ContactRequest.objects.get()
    assert contact_request.office.slug == "mee-zuid-limburg"
    assert contact_request.service.slug == "toekomstcoach"
    assert contact_request.reference in page.locator("main").inner_text()


def test_ambiguous_postcode_shows_only_its_municipalities(live_demo, browser_page):
    from offices.models import Municipality, RegionalOfficePage

    bernheze = Municipality.objects.get(code="GM1721")
    bernheze.office = RegionalOfficePage.objects.get(
        slug="mee-oost", locale__language_code="nl"
    )
    bernheze.save()
    page = browser_page
    page.goto(live_demo.url + "/nl/contact/")
    page.get_by_label("Postcode van de school").fill("5383")
    page.locator("#route-status").filter(has_text="meer dan één gemeente").wait_for()
    municipality = page.get_by_label("Gemeente van de school")
    assert municipality.is_visible()
    options = page.locator("#id_municipality_suggestions option")
    assert [option.get_attribute("value") for option in options.all()] == [
        "'s-Hertogenbosch",
        "Bernheze",
    ]
    # Typing in the service box offers the services the server finds.
    service = page.get_by_label("Dienst waarin u geïnteresseerd bent")
    service.press_sequentially("coach", delay=30)
    page.locator("#id_service_suggestions option[value=Toekomstcoach]").wait_for(
        state="attached"
    )


def test_contact_pages_have_no_wcag_violations(live_demo, browser_page):
    page = browser_page
    page.goto(live_demo.url + "/nl/contact/")
    assert Axe().run(page, options=WCAG_21_AA).violations_count == 0
    page.get_by_role("button", name="Aanvraag versturen").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
