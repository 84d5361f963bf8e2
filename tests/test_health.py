"""Health answers for the load balancer: liveness without the database, readiness
of the database, caches and media storage, the search engine reported only."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.settings.base import s3_media_storages, search_backends, shared_caches

pytestmark = pytest.mark.django_db

# A port nothing listens on: the service behind it is down.
DEAD = "http://127.0.0.1:9"


def test_liveness_answers_without_the_database_for_any_host(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/health/live", HTTP_HOST="10.1.2.3:8001")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "live"}
    assert len(queries) == 0
    assert response["Cache-Control"] == "no-store"
    assert "Content-Security-Policy" not in response
    assert "X-Page-Cache" not in response


def test_readiness_checks_database_caches_and_storage(client, settings):
    response = client.get("/health/ready", HTTP_HOST="10.1.2.3:8001")
    assert response.status_code == 200
    answer = json.loads(response.content)
    assert answer["status"] == "ready"
    assert set(answer["checks"]) == {"database", "storage:default"} | {
        f"cache:{alias}" for alias in settings.CACHES
    }
    assert all(check["ok"] for check in answer["checks"].values())
    assert answer["search"] == {"state": "database", "error": "", "required": False}
    assert "Content-Security-Policy" not in response
    assert "Set-Cookie" not in response


def test_readiness_fails_naming_storage_that_does_not_answer(client, settings):
    storages = s3_media_storages(
        {
            "PORTAL_MEDIA_S3_BUCKET": "media",
            "PORTAL_MEDIA_S3_ENDPOINT_URL": DEAD,
            "PORTAL_MEDIA_S3_ACCESS_KEY": "key",
            "PORTAL_MEDIA_S3_SECRET_KEY": "secret",
        }
    )
    settings.STORAGES = {**settings.STORAGES, **storages}
    response = client.get("/health/ready")
    assert response.status_code == 503
    answer = json.loads(response.content)
    assert answer["status"] == "unavailable"
    assert answer["checks"]["database"]["ok"] is True
    for alias in ("default", "renditions"):
        check = answer["checks"][f"storage:{alias}"]
        assert check["ok"] is False
        assert check["error"] == "EndpointConnectionError"


def test_readiness_fails_naming_a_cache_that_does_not_answer(client, settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": shared_caches("redis://127.0.0.1:9/0")["pages"],
    }
    response = client.get("/health/ready")
    assert response.status_code == 503
    answer = json.loads(response.content)
    assert answer["checks"]["cache:pages"] == {
        "ok": False,
        "error": "ConnectionError",
        "ms": answer["checks"]["cache:pages"]["ms"],
    }
    assert answer["checks"]["cache:default"]["ok"] is True
    assert answer["checks"]["database"]["ok"] is True


def test_readiness_reports_a_dead_search_engine_without_failing(client, settings):
    settings.PORTAL_SEARCH_CHECK_SECONDS = 60
    settings.WAGTAILSEARCH_BACKENDS = search_backends(
        "opensearch2", [DEAD], index_prefix="health_", timeout=1
    )
    response = client.get("/health/ready")
    assert response.status_code == 200
    answer = json.loads(response.content)
    assert answer["status"] == "ready"
    assert answer["search"]["state"] == "down"
    assert answer["search"]["error"] == "ConnectionError"
    assert answer["search"]["required"] is False


def test_s3_settings_keep_documents_private_and_renditions_public():
    environ = {
        "PORTAL_MEDIA_S3_BUCKET": "media",
        "PORTAL_MEDIA_S3_ACCESS_KEY": "key",
        "PORTAL_MEDIA_S3_SECRET_KEY": "secret",
        "PORTAL_MEDIA_S3_CUSTOM_DOMAIN": "media.example.org",
    }
    storages = s3_media_storages(environ)
    documents = storages["default"]["OPTIONS"]
    assert documents["querystring_auth"] is True
    assert documents["querystring_expire"] == 300
    assert "custom_domain" not in documents
    assert documents["file_overwrite"] is False
    renditions = storages["renditions"]["OPTIONS"]
    assert renditions["custom_domain"] == "media.example.org"
    assert renditions["querystring_auth"] is False
    assert s3_media_storages({}) is None


def test_s3_settings_refuse_a_bucket_without_credentials():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="PORTAL_MEDIA_S3_ACCESS_KEY"):
        s3_media_storages({"PORTAL_MEDIA_S3_BUCKET": "media"})
