"""The contact form: routing, validation, spam guards and rate limit; no bad row."""

import time

import pytest
from bs4 import BeautifulSoup
from django.core import signing
from django_ratelimit.core import _get_window

from contact.models import ContactFormPage, ContactRequest
from offices.models import Municipality
from services.models import ServicePage

from .conftest import CONTACT_URL as URL
from .conftest import stamp

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_form_page_shows_privacy_warning_and_preselects_the_service(client, demo_site):
    service = ServicePage.objects.get(slug="toekomstcoach")
    page = soup(client.get(f"{URL}?service={service.pk}"))
    assert page.h1.get_text(strip=True) == "Contact"
    assert (
        "geen naam, geboortedatum of diagnose" in page.select_one(".callout").get_text()
    )
    assert page.select_one("input[name=service]")["value"] == "Toekomstcoach"
    assert page.select_one("input[name=started]")["value"]


def test_service_page_links_to_the_form_with_the_service(client, demo_site):
    service = ServicePage.objects.get(slug="gastlessen-en-cursussen")
    cta = soup(client.get(service.url)).select_one(".actions a.button")
    assert cta["href"] == f"{URL}?service={service.pk}"


def test_valid_request_is_stored_routed_and_thanked(client, valid_data, mailbox):
    response = client.post(URL, valid_data)
    assert response.status_code == 302
    contact_request = ContactRequest.objects.get()
    assert contact_request.office.slug == "mee-groningen"
    assert contact_request.municipality.code == "GM0014"
    assert contact_request.postcode == "9711AB" and contact_request.brin_code == "12AB"
    assert contact_request.language == "nl" and contact_request.consent_at
    thanks = soup(client.get(response["Location"]))
    assert thanks.select_one(".routed-office").get_text(strip=True) == (
        "Uw aanvraag gaat naar MEE Groningen."
    )
    assert contact_request.reference in thanks.get_text()


def test_thanks_page_needs_a_valid_token(client, demo_site):
    assert client.get(f"{URL}thanks/?request=forged").status_code == 404
    assert client.get(f"{URL}thanks/").status_code == 404


INVALID = [
    ("school_name", "", "Dit is een verplicht veld."),
    ("brin_code", "ABCD", "Een BRIN-code"),
    ("contact_name", "", "Dit is een verplicht veld."),
    ("role", "", "Dit is een verplicht veld."),
    ("email", "geen-adres", "e-mailadres"),
    ("phone", "12", "telefoonnummer"),
    ("postcode", "12345", "Vul een Nederlandse postcode in"),
    ("municipality", "GM9999", "Deze gemeente kennen wij niet"),
    ("municipality", "Atlantis", "Deze gemeente kennen wij niet"),
    ("school_type", "999999", "geldige keuze"),
    ("service", "999999", "Deze dienst kennen wij niet"),
    ("service", "Zwemles", "Deze dienst kennen wij niet"),
    ("question", "", "Dit is een verplicht veld."),
    ("question", "x" * 2001, "niet meer dan 2000 tekens"),
    ("consent", "", "alleen antwoorden als u hiermee instemt"),
    ("school_name", "x" * 161, "niet meer dan 160 tekens"),
]


@pytest.mark.parametrize(("field", "value", "message"), INVALID)
def test_invalid_input_gives_a_clear_error_and_writes_nothing(
    client, valid_data, field, value, message
):
    valid_data[field] = value
    response = client.post(URL, valid_data)
    assert response.status_code == 400
    page = soup(response)
    error = page.select_one(f"#field-{field} .field__error")
    assert error is not None and message in error.get_text(), page.select_one(
        ".error-summary"
    )
    assert page.select_one(f"#id_{field}")["aria-invalid"] == "true"
    assert page.select_one(".error-summary a")["href"].startswith("#id_")
    assert not ContactRequest.objects.exists()


def test_ambiguous_postcode_asks_for_the_municipality(client, valid_data, mailbox):
    other = Municipality.objects.get(code="GM1721")  # Bernheze shares 5383
    other.office = ContactFormPage.objects.get(
        locale__language_code="nl"
    ).fallback_office
    other.save()
    valid_data["postcode"] = "5383 AB"
    response = client.post(URL, valid_data)
    assert response.status_code == 400
    assert (
        "meer dan één gemeente" in soup(response).select_one("#field-municipality").text
    )
    assert not ContactRequest.objects.exists()
    valid_data["municipality"] = "GM1721"
    assert client.post(URL, valid_data).status_code == 302
    assert ContactRequest.objects.get().municipality == other


def test_unknown_postcode_is_routed_by_the_chosen_municipality(
    client, valid_data, mailbox
):
    valid_data["postcode"] = "1000 AA"
    response = client.post(URL, valid_data)
    assert (
        "kennen deze postcode niet"
        in soup(response).select_one("#field-municipality").text
    )
    valid_data["municipality"] = "GM0363"  # Amsterdam
    assert client.post(URL, valid_data).status_code == 302
    assert ContactRequest.objects.get().office.slug == "mee-amstel-en-zaan"


def test_honeypot_refuses_and_writes_nothing(client, valid_data):
    valid_data["website"] = "http://spam.example.org"
    response = client.post(URL, valid_data)
    assert response.status_code == 400
    assert (
        "kon niet worden verstuurd" in soup(response).select_one(".error-summary").text
    )
    assert not ContactRequest.objects.exists()


def test_too_fast_submission_is_refused_but_keeps_the_input(client, valid_data):
    valid_data["started"] = stamp(seconds_ago=0)
    response = client.post(URL, valid_data)
    assert response.status_code == 400
    page = soup(response)
    summary = page.select_one(".error-summary").get_text(" ", strip=True)
    assert "Uw aanvraag is nog niet verstuurd" in summary
    assert "sneller verstuurd dan iemand het kan invullen" in summary
    assert "klik nog een keer op" in summary and "Aanvraag versturen" in summary
    assert page.select_one("#id_email")["value"] == valid_data["email"]
    assert not ContactRequest.objects.exists()


def test_a_send_refused_as_too_fast_goes_through_when_sent_again(
    client, valid_data, mailbox, settings
):
    valid_data["started"] = stamp(seconds_ago=0)
    page = soup(client.post(URL, valid_data))
    # The form keeps the time it was first shown, so the school need not wait again.
    assert page.select_one("input[name=started]")["value"] == valid_data["started"]
    time.sleep(settings.PORTAL_CONTACT_MIN_FILL_SECONDS)
    assert client.post(URL, valid_data).status_code == 302
    assert ContactRequest.objects.count() == 1


def test_sends_refused_as_too_fast_do_not_count_towards_the_rate_limit(
    client, valid_data, mailbox, settings
):
    settings.PORTAL_CONTACT_RATE_LIMIT = "1/10m"
    # Three posts may take over a second on a busy machine; valid_data is 30 s old.
    settings.PORTAL_CONTACT_MIN_FILL_SECONDS = 10
    too_fast = {**valid_data, "started": stamp(seconds_ago=0)}
    assert [client.post(URL, too_fast).status_code for _ in range(3)] == [400] * 3
    assert client.post(URL, valid_data).status_code == 302
    response = client.post(URL, valid_data)
    assert response.status_code == 429
    assert ContactRequest.objects.count() == 1


def test_an_empty_form_sent_quickly_gets_the_field_errors(client, demo_site):
    response = client.post(URL, {"started": stamp(seconds_ago=0)})
    page = soup(response)
    assert response.status_code == 400
    assert page.select_one("#field-school_name .field__error")
    assert "sneller verstuurd" not in page.get_text()


def test_errors_and_hints_are_tied_to_their_fields(client, valid_data):
    valid_data["postcode"] = "12345"
    page = soup(client.post(URL, valid_data))
    described = page.select_one("#id_postcode")["aria-describedby"].split()
    assert described == ["id_postcode_error", "id_postcode_helptext"]
    assert page.select_one("#id_postcode_error") and page.select_one(
        "#id_postcode_helptext"
    )
    assert page.title.get_text().startswith("Fout: ")
    assert page.select_one("#id_email")["autocomplete"] == "email"
    assert page.select_one("#id_phone")["type"] == "tel"


def test_forged_or_missing_start_stamp_is_refused(client, valid_data):
    valid_data["started"] = signing.dumps(time.time() - 60, salt="something else")
    assert client.post(URL, valid_data).status_code == 400
    del valid_data["started"]
    assert client.post(URL, valid_data).status_code == 400
    assert not ContactRequest.objects.exists()


def test_rate_limit_answers_429_with_a_friendly_page(
    client, valid_data, mailbox, settings
):
    settings.PORTAL_CONTACT_RATE_LIMIT = "3/10m"
    statuses = [client.post(URL, valid_data).status_code for _ in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert ContactRequest.objects.count() == 3
    response = client.post(URL, valid_data)
    page = soup(response)
    assert response.status_code == 429
    assert (
        page.select_one(".error-summary h2").get_text(strip=True) == "Te veel verzoeken"
    )
    # Nothing the school typed is lost.
    assert page.select_one("#id_school_name")["value"] == valid_data["school_name"]
    assert page.select_one("#id_question").get_text().strip() == valid_data["question"]


def test_a_429_says_when_the_school_may_send_again(
    client, valid_data, mailbox, settings
):
    settings.PORTAL_CONTACT_RATE_LIMIT = "2/10m"
    invalid = client.post(URL, {**valid_data, "email": "fout"})
    assert invalid.status_code == 400 and "Retry-After" not in invalid
    for _ in range(2):
        assert client.post(URL, valid_data).status_code == 302
    before = time.time()
    response = client.post(URL, valid_data)
    after = time.time()
    assert response.status_code == 429
    # Seconds until the rate limit's window for this address ends, as of some moment
    # while the request ran (a loaded machine may take seconds over it).
    window_end = _get_window("127.0.0.1", 600)
    retry_after = int(response["Retry-After"])
    assert 1 <= retry_after <= 600
    assert window_end - after - 1 <= retry_after <= window_end - before + 1


def test_sends_with_mistakes_do_not_count_towards_the_rate_limit(
    client, valid_data, mailbox, settings
):
    settings.PORTAL_CONTACT_RATE_LIMIT = "2/10m"
    invalid = {**valid_data, "email": "fout"}
    assert [client.post(URL, invalid).status_code for _ in range(4)] == [400] * 4
    assert client.post(URL, valid_data).status_code == 302


def test_csrf_is_enforced(valid_data):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(URL, valid_data)
    assert response.status_code == 403
    assert not ContactRequest.objects.exists()


def test_form_page_lists_no_municipalities_or_services(client, demo_site):
    """The boxes suggest as the school types: the page holds neither list."""
    response = client.get(URL)
    page = soup(response)
    assert len(response.content) < 16_000
    assert not page.select("select[name=municipality], select[name=service]")
    for name in ("municipality", "service"):
        box = page.select_one(f"input[name={name}]")
        assert box["list"] == f"id_{name}_suggestions"
        assert page.select_one(f"datalist#id_{name}_suggestions").find_all() == []
        label = page.select_one(f"label[for=id_{name}]").get_text(strip=True)
        assert label in {
            "Gemeente van de school",
            "Dienst waarin u geïnteresseerd bent",
        }
    text = response.content.decode()
    assert "Groningen" not in page.select_one("form").get_text()
    assert "Schoolmaatschappelijk werk" not in text
    assert Municipality.objects.count() > 300


def test_suggestions_for_the_boxes(client, demo_site):
    url = f"{URL}suggestions/"
    found = client.get(f"{url}municipality/", {"q": "gron"}).json()["suggestions"]
    assert found[0] == {"name": "Groningen", "code": "GM0014"}
    assert all("gron" in item["name"].lower() for item in found)
    many = client.get(f"{url}municipality/", {"q": "a"}).json()["suggestions"]
    assert len(many) == 10
    services = client.get(f"{url}service/", {"q": "coach"}).json()["suggestions"]
    assert services == ["Toekomstcoach"]
    english = client.get("/en/contact/suggestions/service/", {"q": "coach"}).json()
    assert english["suggestions"] == ["Future coach"]
    assert client.get(f"{url}municipality/").json() == {"suggestions": []}
    assert client.get(f"{url}school_name/", {"q": "x"}).status_code == 404


def test_typed_municipality_and_service_names_are_understood(
    client, valid_data, mailbox
):
    """Without JavaScript the school types the names; the server finds them."""
    valid_data["postcode"] = "1000 AA"
    valid_data["municipality"] = "  amsterdam "
    valid_data["service"] = "toekomstcoach"
    assert client.post(URL, valid_data).status_code == 302
    contact_request = ContactRequest.objects.get()
    assert contact_request.municipality.code == "GM0363"
    assert contact_request.office.slug == "mee-amstel-en-zaan"
    assert contact_request.service.slug == "toekomstcoach"
