"""HTTP caching of the read API: validators, 304s, and a new ETag on publishing."""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils.http import http_date
from wagtail.models import Page

from services.factories import ServicePageFactory
from services.models import ServicePage, Theme

from .editorial_helpers import bearer

pytestmark = pytest.mark.django_db
READ_URLS = [
    "/api/v3/site/",
    "/api/v3/site/locales/",
    "/api/v3/resolve/?path=/nl/diensten/",
    "/api/v3/navigation/?depth=2",
    "/api/v3/vocabularies/",
    "/api/v3/vocabularies/themes/",
    "/api/v3/search/?q=smw",
    "/api/v3/images/",
    "/api/v3/documents/",
]


def service_url():
    return f"/api/v3/content/pages/{ServicePage.objects.get(slug='toekomstcoach').pk}/"


@pytest.mark.parametrize("url", READ_URLS)
def test_anonymous_reads_carry_validators_and_public_cache_control(
    client, demo_site, search_engine, url
):
    response = client.get(url)
    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"]
    assert response["Cache-Control"] == "public, max-age=60"
    assert {"Accept-Language", "Authorization"} <= {
        v.strip() for v in response["Vary"].split(",")
    }


def test_if_none_match_is_answered_with_304(client, demo_site):
    url = service_url()
    first = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == "public, max-age=60"
    assert client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


RESOLVE = (
    "/api/v3/resolve/?path=/nl/diensten/toekomstcoach/"
    "&expand=breadcrumbs,navigation,translations"
)


def test_a_repeated_anonymous_read_is_served_without_queries(
    client, demo_site, django_assert_num_queries
):
    first = client.get(RESOLVE)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        again = client.get(RESOLVE)
        conditional = client.get(RESOLVE, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again.content == first.content
    assert (
        again["ETag"] == first["ETag"]
        and again["Content-Type"] == (first["Content-Type"])
    )
    assert conditional.status_code == 304


def test_a_stored_answer_is_replaced_by_the_next_publish(client, demo_site):
    url = service_url()
    assert client.get(url).json()["title"] == "Toekomstcoach"
    service = ServicePage.objects.get(slug="toekomstcoach")
    service.title = "Toekomstcoach voor jongeren"
    service.save_revision().publish()
    assert client.get(url).json()["title"] == "Toekomstcoach voor jongeren"


def test_if_modified_since_is_answered_with_304(client, demo_site):
    url = service_url()
    first = client.get(url)
    again = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304
    older = http_date(0)
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=older).status_code == 200


def test_etags_differ_per_url_query_and_language(client, demo_site):
    etags = {
        client.get(url, **headers)["ETag"]
        for url, headers in [
            ("/api/v3/navigation/?depth=1", {}),
            ("/api/v3/navigation/?depth=2", {}),
            ("/api/v3/navigation/?depth=1", {"HTTP_ACCEPT_LANGUAGE": "en"}),
        ]
    }
    assert len(etags) == 3


def test_publishing_and_unpublishing_change_the_etag(client, demo_site):
    url = service_url()
    first = client.get(url)
    service = ServicePage.objects.get(slug="toekomstcoach")
    service.title = "Toekomstcoach voor jongeren"
    service.save_revision().publish()
    after_publish = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert after_publish.status_code == 200
    assert after_publish.json()["title"] == "Toekomstcoach voor jongeren"
    assert after_publish["ETag"] != first["ETag"]

    navigation = client.get("/api/v3/navigation/")
    Page.objects.get(slug="actueel").specific.unpublish()
    after_unpublish = client.get(
        "/api/v3/navigation/", HTTP_IF_NONE_MATCH=navigation["ETag"]
    )
    assert after_unpublish.status_code == 200
    assert "/nl/actueel/" not in str(after_unpublish.json())


def test_a_snippet_change_changes_the_etag(client, demo_site):
    first = client.get("/api/v3/vocabularies/themes/")
    theme = Theme.objects.get(slug="mediawijsheid", locale__language_code="nl")
    theme.name = "Mediawijsheid en privacy"
    theme.save()
    again = client.get("/api/v3/vocabularies/themes/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert "Mediawijsheid en privacy" in [t["title"] for t in again.json()["terms"]]


def test_requests_with_a_token_are_private_and_not_stored(client, demo_site):
    user = get_user_model().objects.create_user("lezer", password="x")
    response = client.get(service_url(), **bearer(user))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert not response.has_header("ETag")


def test_errors_and_other_api_paths_carry_no_validators(client, demo_site):
    missing = client.get("/api/v3/content/pages/999999/")
    assert missing.status_code == 404 and not missing.has_header("ETag")
    route = client.get("/api/v3/contact/route/", {"postcode": "9711AB"})
    assert route.status_code == 200 and not route.has_header("ETag")


@override_settings(PORTAL_API_CACHE_SECONDS=5)
def test_the_max_age_is_a_setting(client, demo_site):
    assert client.get("/api/v3/site/")["Cache-Control"] == "public, max-age=5"


def test_saving_a_draft_keeps_the_public_etags(client, demo_site):
    """A draft saved of an unrelated page gave every public answer a new ETag."""
    url = service_url()
    before = client.get(url)["ETag"]
    other = ServicePage.objects.exclude(slug="toekomstcoach").first()
    other.title = "Een concepttitel"
    other.save_revision()
    draft_only = ServicePageFactory(
        parent=other.get_parent(), live=False, publish=False
    )
    draft_only.title = "Nog steeds niet live"
    draft_only.save_revision()
    after = client.get(url)
    assert after["ETag"] == before
    assert client.get(url, HTTP_IF_NONE_MATCH=before).status_code == 304
    other.get_latest_revision().publish()
    assert client.get(url)["ETag"] != before
