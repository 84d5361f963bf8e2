"""CORS: only the configured origins, only under /api/."""

import pytest
from django.test import override_settings

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("demo_site"),
]
FRONT_END = "https://scholen.example.org"
ORIGINS = override_settings(CORS_ALLOWED_ORIGINS=[FRONT_END])


@ORIGINS
def test_a_configured_origin_may_read_the_api(client):
    response = client.get("/api/v3/site/", HTTP_ORIGIN=FRONT_END)
    assert response["Access-Control-Allow-Origin"] == FRONT_END
    assert "ETag" in response["Access-Control-Expose-Headers"]


@ORIGINS
def test_another_origin_gets_no_cors_headers(client):
    response = client.get("/api/v3/site/", HTTP_ORIGIN="https://evil.example.com")
    assert response.status_code == 200
    assert not response.has_header("Access-Control-Allow-Origin")


@ORIGINS
def test_pages_outside_the_api_get_no_cors_headers(client):
    response = client.get("/nl/", HTTP_ORIGIN=FRONT_END)
    assert not response.has_header("Access-Control-Allow-Origin")


@ORIGINS
def test_preflight_allows_revalidation_headers(client):
    response = client.options(
        "/api/v3/site/",
        HTTP_ORIGIN=FRONT_END,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match, authorization",
    )
    assert response.status_code == 200
    allowed = response["Access-Control-Allow-Headers"]
    assert "if-none-match" in allowed and "authorization" in allowed


def test_no_origin_is_allowed_unless_configured(client, settings):
    assert settings.CORS_ALLOWED_ORIGINS == []
    response = client.get("/api/v3/site/", HTTP_ORIGIN=FRONT_END)
    assert not response.has_header("Access-Control-Allow-Origin")


def test_the_origins_come_from_the_environment(monkeypatch):
    from portal.settings.base import env_list

    monkeypatch.setenv("PORTAL_API_CORS_ORIGINS", f"{FRONT_END}, https://b.example")
    assert env_list("PORTAL_API_CORS_ORIGINS") == [FRONT_END, "https://b.example"]
