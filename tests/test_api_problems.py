"""Every error under /api/ is one problem shape (RFC 9457), in the caller's language."""

import pytest

from api.routers import site

from .api_helpers import PROBLEM_JSON, assert_problem
from .editorial_helpers import call, editor

pytestmark = pytest.mark.django_db


def assert_one_shape(body):
    assert set(body) <= {"type", "title", "status", "detail", "errors"}, body
    for entry in body.get("errors", []):
        assert set(entry) == {"type", "loc", "msg"}, entry
        assert isinstance(entry["loc"], list) and entry["msg"]


@pytest.mark.parametrize(
    "path", ["/api/v3/locales/", "/api/v3/bestaat-niet/", "/api/v3/pages/1/nope/"]
)
def test_an_unknown_path_is_a_translated_problem(client, path):
    """These answered Django's HTML 404 page."""
    answer = client.get(path, HTTP_ACCEPT_LANGUAGE="nl")
    body = assert_problem(answer, 404)
    assert body["detail"] == "Op dit adres is geen API-endpoint."
    english = client.get(path, HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["detail"] == "There is no API endpoint at this address."


def test_a_method_not_allowed_is_a_problem(client, demo_site):
    answer = client.put("/api/v3/site/", HTTP_ACCEPT_LANGUAGE="nl")
    body = assert_problem(answer, 405)
    assert body["detail"] == "Deze methode is op dit adres niet toegestaan."
    assert "GET" in answer["Allow"]


def test_a_server_error_is_a_problem(client, demo_site, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(site, "locale_entries", broken)
    client.raise_request_exception = False
    answer = client.get("/api/v3/site/", HTTP_ACCEPT_LANGUAGE="nl")
    body = assert_problem(answer, 500)
    assert body["detail"] == "Er ging bij ons iets mis. Probeer het later opnieuw."
    assert "boom" not in answer.content.decode()


def test_a_missing_token_is_a_translated_problem(client, demo_site):
    answer = client.get("/api/v3/pages/1/revisions/", HTTP_ACCEPT_LANGUAGE="nl")
    body = assert_problem(answer, 401)
    assert body["detail"] == "Hiervoor is een API-token nodig."


def test_wagtails_validation_errors_have_the_one_shape(client, demo_site):
    """Wagtail's 422 said "Validation failed" in English, whatever the language."""
    answer = client.get("/api/v3/pages/", {"limit": "x"}, HTTP_ACCEPT_LANGUAGE="nl")
    body = assert_problem(answer, 422)
    assert body["detail"] == "Het verzoek is niet geldig."
    assert_one_shape(body)
    assert body["errors"][0]["loc"] == ["query", "limit"]


def test_contact_form_errors_have_the_one_shape(client, demo_site):
    """The contact API's errors were a ``{field: [messages]}`` dict."""
    answer = call(client, "post", "/api/v3/contact/requests/", data={"locale": "nl"})
    body = assert_problem(answer, 400)
    assert_one_shape(body)
    located = {tuple(entry["loc"]) for entry in body["errors"]}
    assert ("body", "school_name") in located
    assert all(entry["type"] for entry in body["errors"])


def test_a_form_validation_error_of_the_write_side_has_the_one_shape(client, demo_site):
    """Wagtail's form errors were ``{type, loc, msg}``, Django's ``{msg}``."""
    answer = call(
        client,
        "post",
        "/api/v3/pages/",
        editor(),
        data={"meta": {"type": "services.ServicePage", "parent_id": 999999}},
    )
    assert answer["Content-Type"] == PROBLEM_JSON
    assert_one_shape(answer.json())
