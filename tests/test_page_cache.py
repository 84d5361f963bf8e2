"""The page cache: whole public pages for readers without a session, purged exactly
where a change shows, never for editors, restricted pages, the search or the contact
form."""

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory, override_settings
from wagtail.models import PageViewRestriction

from core.pagecache import page_cache, shareable
from services.models import ServicePage

from .editorial_helpers import editor

pytestmark = pytest.mark.django_db
SERVICE = "/nl/diensten/toekomstcoach/"
SERVICE_EN = "/en/services/future-coach/"


def h1(response):
    return BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True)


def vary(response):
    return {v.strip() for v in response.get("Vary", "").split(",") if v.strip()}


def test_second_anonymous_read_is_a_hit_without_queries(
    client, demo_site, django_assert_num_queries
):
    first = client.get(SERVICE)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    assert h1(first) == "Toekomstcoach"
    with django_assert_num_queries(0):
        again = client.get(SERVICE)
    assert again.status_code == 200 and again["X-Page-Cache"] == "hit"
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    for response in (first, again):
        assert response["Cache-Control"] == (
            "public, max-age=0, s-maxage=300, must-revalidate"
        )
        assert "Cookie" not in vary(response)
        assert not response.cookies


def test_a_browser_revalidates_and_gets_304_from_the_cache(
    client, demo_site, django_assert_num_queries
):
    etag = client.get(SERVICE)["ETag"]
    with django_assert_num_queries(0):
        response = client.get(SERVICE, headers={"If-None-Match": etag})
    assert response.status_code == 304 and response["X-Page-Cache"] == "hit"
    assert response["ETag"] == etag and response.content == b""
    assert "s-maxage=300" in response["Cache-Control"]
    stale = client.get(SERVICE, headers={"If-None-Match": '"an-old-copy"'})
    assert stale.status_code == 200 and h1(stale) == "Toekomstcoach"


def test_head_is_served_from_the_cache_too(client, demo_site):
    client.get(SERVICE)
    head = client.head(SERVICE)
    assert head.status_code == 200 and head["X-Page-Cache"] == "hit"
    assert head.content == b""


def test_the_query_string_is_part_of_the_key(client, demo_site):
    client.get(SERVICE)
    other = client.get(SERVICE + "?from=newsletter")
    assert other["X-Page-Cache"] == "miss"
    assert client.get(SERVICE + "?from=newsletter")["X-Page-Cache"] == "hit"


def test_publishing_a_change_makes_the_next_read_a_miss_with_the_new_title(
    client, demo_site
):
    client.get(SERVICE)
    assert client.get(SERVICE)["X-Page-Cache"] == "hit"
    service = ServicePage.objects.get(slug="toekomstcoach", locale__language_code="nl")
    service.title = "Toekomstcoach voor jongeren"
    service.save_revision().publish()

    after = client.get(SERVICE)
    assert after["X-Page-Cache"] == "miss"
    assert h1(after) == "Toekomstcoach voor jongeren"
    again = client.get(SERVICE)
    assert again["X-Page-Cache"] == "hit"
    assert h1(again) == "Toekomstcoach voor jongeren"


def test_a_draft_is_never_shown_to_anonymous_readers(client, demo_site):
    client.get(SERVICE)
    service = ServicePage.objects.get(slug="toekomstcoach", locale__language_code="nl")
    service.title = "Concepttitel"
    service.save_revision()
    assert h1(client.get(SERVICE)) == "Toekomstcoach"


def test_dutch_and_english_are_cached_apart(client, demo_site):
    dutch = client.get(SERVICE)
    english = client.get(SERVICE_EN)
    assert english["X-Page-Cache"] == "miss"
    assert h1(dutch) == "Toekomstcoach" and h1(english) == "Future coach"
    dutch_again, english_again = client.get(SERVICE), client.get(SERVICE_EN)
    assert dutch_again["X-Page-Cache"] == english_again["X-Page-Cache"] == "hit"
    assert dutch_again.content == dutch.content
    assert english_again.content == english.content
    assert 'lang="en"' in english_again.content.decode()
    assert english_again["Content-Language"] == "en"


def test_a_logged_in_editor_never_gets_or_fills_the_cache(client, demo_site):
    user = editor()
    client.force_login(user)
    own = client.get(SERVICE)
    assert own.status_code == 200 and "X-Page-Cache" not in own
    assert "Cookie" in vary(own) and "public" not in own.get("Cache-Control", "")
    # The editor's page has the Wagtail user bar; a reader's never does.
    assert "wagtail-userbar" in own.content.decode()
    assert "X-Page-Cache" not in client.get(SERVICE)
    client.logout()
    anonymous = client.get(SERVICE)
    assert anonymous["X-Page-Cache"] == "miss"
    assert "wagtail-userbar" not in anonymous.content.decode()

    client.force_login(user)
    again = client.get(SERVICE)
    assert "X-Page-Cache" not in again
    assert "wagtail-userbar" in again.content.decode()


def test_a_restriction_added_later_stops_the_cached_page(client, demo_site):
    client.get(SERVICE)
    assert client.get(SERVICE)["X-Page-Cache"] == "hit"
    service = ServicePage.objects.get(slug="toekomstcoach", locale__language_code="nl")
    PageViewRestriction.objects.create(
        page=service, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(SERVICE)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert "X-Page-Cache" not in response


def test_a_password_protected_page_is_never_cached(client, demo_site):
    service = ServicePage.objects.get(slug="toekomstcoach", locale__language_code="nl")
    PageViewRestriction.objects.create(
        page=service,
        restriction_type=PageViewRestriction.PASSWORD,
        password="geheim",
    )
    for _ in range(2):
        response = client.get(SERVICE)
        assert response.status_code == 200 and "X-Page-Cache" not in response
        assert 'name="password"' in response.content.decode()
        assert h1(response) != "Toekomstcoach"


def test_a_restricted_page_is_not_shareable_even_when_rendered(demo_site):
    """The last guard: a restricted page's own answer, cookies aside."""
    service = ServicePage.objects.get(slug="toekomstcoach", locale__language_code="nl")
    request = RequestFactory().get(SERVICE)
    assert shareable(request, service.serve(request))
    PageViewRestriction.objects.create(
        page=service.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    assert not shareable(request, service.serve(request))


def test_the_contact_form_is_never_cached(client, demo_site):
    for _ in range(2):
        response = client.get("/nl/contact/")
        assert response.status_code == 200 and "X-Page-Cache" not in response
        assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert "csrftoken" in response.cookies


def test_the_contact_form_is_not_shareable_even_without_its_cookie(demo_site):
    from contact.models import ContactFormPage

    page = ContactFormPage.objects.get(locale__language_code="nl")
    request = RequestFactory().get("/nl/contact/")
    response = page.serve(request)
    response.render()
    assert response.status_code == 200 and not response.cookies
    assert not shareable(request, response)


def test_the_search_page_and_its_autocomplete_are_never_cached(client, demo_site):
    for url in ("/nl/search/?q=toekomstcoach", "/nl/search/autocomplete/?q=toek"):
        first, again = client.get(url), client.get(url)
        assert first.status_code == again.status_code == 200
        assert "X-Page-Cache" not in first and "X-Page-Cache" not in again
        assert "Toekomstcoach" in again.content.decode()
    other = client.get("/nl/search/?q=schoolmaatschappelijk")
    assert "Schoolmaatschappelijk werk" in other.content.decode()


def test_a_session_cookie_skips_the_cache(client, demo_site):
    client.get(SERVICE)
    client.cookies["sessionid"] = "not-a-session"
    response = client.get(SERVICE)
    assert response.status_code == 200 and "X-Page-Cache" not in response


def test_the_admin_and_the_api_are_not_stored(client, demo_site):
    for url in ("/admin/login/", "/api/v3/site/"):
        client.get(url)
        assert "X-Page-Cache" not in client.get(url)


@override_settings(PORTAL_PAGE_CACHE_SECONDS=0)
def test_zero_seconds_turns_the_cache_off(client, demo_site):
    client.get(SERVICE)
    response = client.get(SERVICE)
    assert "X-Page-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_entries_live_in_the_pages_cache_alias(client, demo_site):
    client.get(SERVICE)
    page_cache().clear()
    assert client.get(SERVICE)["X-Page-Cache"] == "miss"
