"""POST /api/v3/contact/requests/ and GET /api/v3/contact/form/: the contact form as
JSON, through the same validation, guards, storage and mail as the HTML form."""

import json
import time

import pytest
from django.core import signing
from django.forms.models import model_to_dict
from django.test import Client
from django_ratelimit.core import _get_window
from wagtail.models import Locale

from contact.forms import STARTED_SALT
from contact.models import ContactFormPage, ContactRequest
from offices.models import Municipality
from services.models import SchoolType, ServicePage

from .conftest import CONTACT_URL, stamp

pytestmark = pytest.mark.django_db

FORM = "/api/v3/contact/form/"
REQUESTS = "/api/v3/contact/requests/"
# Set on sending and delivering, so never equal between two requests.
PER_REQUEST = {
    "id",
    "reference",
    "created_at",
    "consent_at",
    "office_notified_at",
    "school_confirmed_at",
}


@pytest.fixture
def payload(valid_data):
    """The valid form data as a front end sends it: JSON with real types."""
    return {**valid_data, "consent": True}


def in_english(payload):
    """The payload with the English labels and service, as the English form has."""
    english = Locale.objects.get(language_code="en")
    return {
        **payload,
        "service": ServicePage.objects.get(pk=payload["service"])
        .get_translation(english)
        .pk,
    }


def send(client, data, **headers):
    return client.post(
        REQUESTS, json.dumps(data), content_type="application/json", **headers
    )


def problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    return body


def test_valid_request_is_stored_routed_and_answered(
    client, payload, mailbox, settings
):
    response = send(client, payload)
    assert response.status_code == 201, response.content
    contact_request = ContactRequest.objects.get()
    assert response.json() == {
        "reference": contact_request.reference,
        "office": {
            "name": "MEE Groningen",
            "url": f"{settings.WAGTAILAPI_BASE_URL}/nl/regios/mee-groningen/",
        },
    }
    assert contact_request.office.slug == "mee-groningen"
    assert contact_request.municipality.code == "GM0014"
    assert contact_request.postcode == "9711AB" and contact_request.brin_code == "12AB"
    assert contact_request.school_type.slug == "po"
    assert contact_request.service.slug == "schoolmaatschappelijk-werk"
    assert contact_request.language == "nl" and contact_request.consent_at


def test_no_personal_data_is_echoed(client, payload, mailbox):
    content = send(client, payload).content.decode()
    for field in ("school_name", "contact_name", "email", "phone", "question"):
        assert payload[field] not in content


def test_the_office_and_the_school_are_mailed(client, payload, mailbox):
    send(client, payload)
    contact_request = ContactRequest.objects.get()
    assert contact_request.office_notified_at and contact_request.school_confirmed_at
    (office_mail,) = mailbox.to("mee-groningen@example.org")
    assert contact_request.reference in office_mail["subject"]
    assert "/admin/" in office_mail["body"]
    assert payload["question"] not in office_mail["body"]
    (confirmation,) = mailbox.to("ib@regenboog.example.org")
    assert "MEE Groningen" in confirmation["body"]
    assert contact_request.reference in confirmation["body"]


def test_the_request_keeps_the_language_it_was_sent_in(client, payload, mailbox):
    response = client.post(
        f"{REQUESTS}?locale=en",
        json.dumps(in_english(payload)),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 201, response.content
    contact_request = ContactRequest.objects.get()
    assert contact_request.language == "en"
    (confirmation,) = mailbox.to("ib@regenboog.example.org")
    assert confirmation["subject"] == (
        f"We have received your request ({contact_request.reference})"
    )


def test_the_form_and_the_api_store_identical_rows(
    client, valid_data, payload, mailbox
):
    assert client.post(CONTACT_URL, valid_data).status_code == 302
    assert send(client, payload).status_code == 201
    rows = list(ContactRequest.objects.order_by("pk"))
    from_form, from_api = (model_to_dict(row, exclude=PER_REQUEST) for row in rows)
    assert from_form == from_api
    assert from_api["school_name"] == "Basisschool De Regenboog"
    # The same mail too, but for the reference.
    for address in ("mee-groningen@example.org", "ib@regenboog.example.org"):
        mails = mailbox.to(address)
        assert len(mails) == 2
        (subject, body), (api_subject, api_body) = (
            [text.replace(r.reference, "REF") for text in (m["subject"], m["body"])]
            for m, r in zip(mails, rows, strict=True)
        )
        assert subject == api_subject
        if address.startswith("ib@"):
            assert body == api_body


def messages(body):
    """``{field: [messages]}`` of a problem's ``errors`` (``{type, loc, msg}``)."""
    by_field = {}
    for entry in body["errors"]:
        assert entry["loc"][0] == "body" and entry["type"]
        by_field.setdefault(entry["loc"][1], []).append(entry["msg"])
    return by_field


def test_an_invalid_postcode_is_a_field_error_in_dutch(client, payload):
    payload["postcode"] = "12345"
    body = problem(send(client, payload), 400)
    assert body["detail"] == "Verbeter het volgende"
    assert messages(body) == {
        "postcode": [
            "Vul een Nederlandse postcode in: vier cijfers en twee letters, "
            "bijvoorbeeld 9711 AB."
        ]
    }
    assert not ContactRequest.objects.exists()


@pytest.mark.parametrize(
    ("query", "headers"),
    [
        ("?locale=en", {"HTTP_ACCEPT_LANGUAGE": "nl"}),
        ("", {"HTTP_ACCEPT_LANGUAGE": "en"}),
    ],
)
def test_an_invalid_postcode_is_a_field_error_in_english(
    client, payload, query, headers
):
    payload["postcode"] = "12345"
    response = client.post(
        REQUESTS + query,
        json.dumps(in_english(payload)),
        content_type="application/json",
        **headers,
    )
    body = problem(response, 400)
    assert body["detail"] == "Please correct the following"
    assert messages(body) == {
        "postcode": [
            "Enter a Dutch postcode: four digits and two letters, e.g. 9711 AB."
        ]
    }
    assert not ContactRequest.objects.exists()


def test_an_empty_request_lists_every_required_field(client, demo_site):
    body = problem(send(client, {"started": stamp()}), 400)
    assert set(messages(body)) == {
        "school_name",
        "school_type",
        "postcode",
        "contact_name",
        "role",
        "email",
        "question",
        "consent",
    }
    assert messages(body)["school_name"] == ["Dit is een verplicht veld."]
    assert messages(body)["consent"] == [
        "We kunnen alleen antwoorden als u hiermee instemt."
    ]
    assert not ContactRequest.objects.exists()


def test_an_ambiguous_postcode_asks_for_the_municipality(client, payload, mailbox):
    other = Municipality.objects.get(code="GM1721")  # Bernheze shares 5383
    other.office = ContactFormPage.objects.get(
        locale__language_code="nl"
    ).fallback_office
    other.save()
    payload["postcode"] = "5383 AB"
    body = problem(send(client, payload), 400)
    assert list(messages(body)) == ["municipality"]
    assert "meer dan één gemeente" in messages(body)["municipality"][0]
    payload["municipality"] = "GM1721"
    assert send(client, payload).status_code == 201
    assert ContactRequest.objects.get().municipality == other


def test_the_honeypot_is_refused_and_nothing_stored(client, payload, mailbox):
    payload["website"] = "http://spam.example.org"
    body = problem(send(client, payload), 400)
    assert body["detail"].startswith("Uw aanvraag is nog niet verstuurd")
    assert "errors" not in body
    assert not ContactRequest.objects.exists()
    assert mailbox.messages == []


def test_a_too_fast_request_is_refused_and_nothing_stored(client, payload):
    payload["started"] = stamp(seconds_ago=0)
    body = problem(send(client, in_english(payload), HTTP_ACCEPT_LANGUAGE="en"), 400)
    assert body["detail"].startswith("Your request has not been sent yet")
    assert not ContactRequest.objects.exists()


def test_a_forged_or_missing_start_stamp_is_refused(client, payload):
    payload["started"] = signing.dumps(0, salt="something else")
    problem(send(client, payload), 400)
    del payload["started"]
    problem(send(client, payload), 400)
    assert not ContactRequest.objects.exists()


def test_rate_limit_answers_429(client, payload, mailbox, settings):
    settings.PORTAL_CONTACT_RATE_LIMIT = "3/10m"
    statuses = [send(client, payload).status_code for _ in range(5)]
    assert statuses == [201, 201, 201, 429, 429]
    assert ContactRequest.objects.count() == 3
    body = problem(send(client, payload), 429)
    assert body["title"] == "Too Many Requests"
    assert body["detail"].startswith("We kregen in korte tijd meerdere verzoeken")


def test_a_429_says_when_to_send_again(client, payload, mailbox, settings):
    settings.PORTAL_CONTACT_RATE_LIMIT = "2/10m"
    invalid = send(client, {**payload, "email": "fout"})
    assert invalid.status_code == 400 and "Retry-After" not in invalid
    for _ in range(2):
        assert send(client, payload).status_code == 201
    before = time.time()
    response = send(client, payload)
    after = time.time()
    problem(response, 429)
    # Seconds until the rate limit's window for this address ends, as of some moment
    # while the request ran (a loaded machine may take seconds over it).
    window_end = _get_window("127.0.0.1", 600)
    retry_after = int(response["Retry-After"])
    assert 1 <= retry_after <= 600
    assert window_end - after - 1 <= retry_after <= window_end - before + 1


def test_requests_refused_as_too_fast_do_not_count_towards_the_limit(
    client, payload, mailbox, settings
):
    settings.PORTAL_CONTACT_RATE_LIMIT = "1/10m"
    too_fast = {**payload, "started": stamp(seconds_ago=0)}
    for _ in range(3):
        body = problem(send(client, too_fast), 400)
        assert body["detail"] == (
            "Uw aanvraag is nog niet verstuurd: het formulier werd sneller verstuurd "
            "dan iemand het kan invullen. Controleer uw antwoorden en klik nog een "
            "keer op ‘Aanvraag versturen’; wat u hebt ingevuld, staat er nog."  # noqa: RUF001
        )
    assert send(client, payload).status_code == 201
    problem(send(client, payload), 429)
    assert ContactRequest.objects.count() == 1


def test_the_form_and_the_api_share_one_rate_limit(
    client, valid_data, payload, mailbox, settings
):
    settings.PORTAL_CONTACT_RATE_LIMIT = "2/10m"
    assert client.post(CONTACT_URL, valid_data).status_code == 302
    assert send(client, payload).status_code == 201
    problem(send(client, payload), 429)
    assert client.post(CONTACT_URL, valid_data).status_code == 429
    assert ContactRequest.objects.count() == 2


def test_requests_with_mistakes_do_not_count_towards_the_limit(
    client, payload, mailbox, settings
):
    settings.PORTAL_CONTACT_RATE_LIMIT = "2/10m"
    invalid = {**payload, "email": "fout"}
    assert [send(client, invalid).status_code for _ in range(4)] == [400] * 4
    assert send(client, payload).status_code == 201


def test_front_ends_need_no_csrf_token(payload, mailbox):
    response = send(Client(enforce_csrf_checks=True), payload)
    assert response.status_code == 201, response.content


def test_the_form_lists_its_fields_in_dutch(client, demo_site):
    response = client.get(FORM)
    assert response.status_code == 200
    body = response.json()
    assert body["language"] == "nl" and body["honeypot"] == "website"
    fields = {field["name"]: field for field in body["fields"]}
    assert list(fields) == [
        "school_name",
        "brin_code",
        "school_type",
        "postcode",
        "municipality",
        "contact_name",
        "role",
        "email",
        "phone",
        "service",
        "question",
        "consent",
    ]
    assert fields["school_name"] == {
        "name": "school_name",
        "label": "Naam van de school",
        "type": "text",
        "required": True,
        "help_text": "",
        "max_length": 160,
        "autocomplete": "organization",
        "choices": None,
    }
    assert fields["email"]["type"] == "email" and fields["phone"]["type"] == "tel"
    assert fields["question"]["type"] == "textarea"
    assert fields["consent"]["type"] == "checkbox"
    assert not fields["brin_code"]["required"]
    school_types = fields["school_type"]["choices"]
    assert school_types[0] == {"value": "", "label": "Kies een soort school"}
    primary = SchoolType.objects.get(slug="po", locale__language_code="nl")
    assert {"value": primary.slug, "label": primary.name} in school_types
    services = fields["service"]["choices"]
    assert services[0] == {"value": "", "label": "Weet ik nog niet"}
    assert (
        len(services)
        == 1 + ServicePage.objects.live().filter(locale=primary.locale).count()
    )
    assert {"value": "GM0014", "label": "Groningen"} in fields["municipality"][
        "choices"
    ]


def test_the_form_speaks_the_requested_language(client, demo_site):
    body = client.get(FORM, {"locale": "en"}, HTTP_ACCEPT_LANGUAGE="nl").json()
    assert body["language"] == "en"
    fields = {field["name"]: field for field in body["fields"]}
    assert fields["school_name"]["label"] == "Name of the school"
    assert fields["brin_code"]["help_text"] == (
        "The school's four-character code, for example 12AB."
    )
    assert fields["service"]["choices"][0]["label"] == "Not sure yet"
    by_header = client.get(FORM, HTTP_ACCEPT_LANGUAGE="en").json()
    assert by_header["fields"] == body["fields"]


def test_the_forms_start_stamp_is_accepted_once_a_person_could_have_filled_it(
    client, payload, mailbox, settings
):
    started = client.get(FORM).json()["started"]
    assert signing.loads(started, salt=STARTED_SALT)
    payload["started"] = started
    problem(send(client, payload), 400)  # sent at once: too fast
    settings.PORTAL_CONTACT_MIN_FILL_SECONDS = 0
    assert send(client, payload).status_code == 201


def test_the_openapi_document_describes_the_contact_endpoints(client):
    document = client.get("/api/v3/openapi.json").json()
    paths = document["paths"]
    create = paths[REQUESTS]["post"]
    assert create["operationId"] == "contact_request_create" and create["summary"]
    assert "security" not in create
    assert {"201", "400", "429"} <= set(create["responses"])
    body = create["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/ContactRequestIn"}
    created = create["responses"]["201"]["content"]["application/json"]["schema"]
    assert created == {"$ref": "#/components/schemas/ContactRequestCreatedSchema"}
    schemas = document["components"]["schemas"]
    assert set(schemas["ContactRequestCreatedSchema"]["properties"]) == {
        "reference",
        "office",
    }
    assert schemas["ContactRequestIn"]["properties"]["consent"]["type"] == "boolean"
    form = paths[FORM]["get"]
    assert form["operationId"] == "contact_form" and form["summary"]
    ok = form["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/ContactFormSchema"}


def test_without_a_live_contact_page_there_is_no_form(client, payload):
    ContactFormPage.objects.update(live=False)
    headers = {"HTTP_ACCEPT_LANGUAGE": "en"}
    body = problem(client.get(FORM, **headers), 404)
    assert body["detail"] == "The contact form is not available."
    problem(send(client, payload, **headers), 404)
    assert not ContactRequest.objects.exists()


def test_an_unknown_locale_is_a_translated_problem_and_nothing_is_stored(
    client, payload, mailbox
):
    headers = {"HTTP_ACCEPT_LANGUAGE": "nl"}
    form = problem(client.get(FORM, {"locale": "fr"}, **headers), 400)
    assert form["detail"] == "Onbekende taal “fr”; bekende talen: en, nl."
    sent = client.post(
        f"{REQUESTS}?locale=fr",
        json.dumps(payload),
        content_type="application/json",
        **headers,
    )
    assert problem(sent, 400)["detail"] == form["detail"]
    assert not ContactRequest.objects.exists()
    assert mailbox.messages == []


def test_school_types_are_the_vocabularys_tokens(client, payload, mailbox):
    """The form offered school types by database id, where facets and vocabularies
    use tokens (``po``)."""
    form = client.get("/api/v3/contact/form/?locale=nl").json()
    field = next(f for f in form["fields"] if f["name"] == "school_type")
    offered = {choice["value"] for choice in field["choices"] if choice["value"]}
    vocabulary = client.get("/api/v3/vocabularies/school-types/?locale=nl").json()
    tokens = {term["token"] for term in vocabulary["terms"]}
    assert offered == tokens and "po" in offered
    payload["school_type"] = "po"
    answer = send(client, payload)
    assert answer.status_code == 201, answer.content
    assert ContactRequest.objects.get().school_type.slug == "po"
