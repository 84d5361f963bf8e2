"""The pages on the way to a URL are kept per content version: every change a reader
may see is served at once, and no view restriction is skipped.

The page cache is off here: what is tested is the routing behind it, as an editor
(never served from the page cache) and a reader after a purge meet it.
"""

import pytest
from bs4 import BeautifulSoup
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import Locale, Page, PageViewRestriction

from core.navigation import find_site, public, route_from
from home.models import HomePage
from services.models import ServiceIndexPage, ServicePage

from .editorial_helpers import service_form_data

pytestmark = pytest.mark.django_db

URL = "/nl/diensten/toekomstcoach/"


@pytest.fixture(autouse=True)
def _uncached(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0


def resolve(client, path, **params):
    return client.get("/api/v3/resolve/", {"path": path, **params})


def h1(response):
    return BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True)


def asks_password(response):
    html = BeautifulSoup(response.content, "html.parser")
    return (
        response.status_code == 200
        and html.select_one("input[name=password]") is not None
    )


def test_a_publication_is_served_at_once(client, admin_client, demo_site):
    assert h1(client.get(URL)) == "Toekomstcoach"
    assert h1(admin_client.get(URL)) == "Toekomstcoach"
    service = ServicePage.objects.get(slug="toekomstcoach")
    service.title = "Toekomstcoach voor jongeren"
    service.save_revision().publish()
    assert h1(client.get(URL)) == "Toekomstcoach voor jongeren"
    assert h1(admin_client.get(URL)) == "Toekomstcoach voor jongeren"
    assert resolve(client, URL).json()["title"] == "Toekomstcoach voor jongeren"


def test_a_draft_is_not_served(client, demo_site):
    assert h1(client.get(URL)) == "Toekomstcoach"
    service = ServicePage.objects.get(slug="toekomstcoach")
    service.title = "Nog niet gepubliceerd"
    service.save_revision()
    assert h1(client.get(URL)) == "Toekomstcoach"


def test_a_new_slug_moves_the_page_at_once(client, demo_site):
    assert client.get(URL).status_code == 200
    service = ServicePage.objects.get(slug="toekomstcoach")
    service.slug = "coach-voor-de-toekomst"
    service.save_revision().publish()
    assert client.get(URL).status_code == 404
    moved = client.get("/nl/diensten/coach-voor-de-toekomst/")
    assert moved.status_code == 200 and h1(moved) == "Toekomstcoach"


def test_an_unpublished_page_is_gone_at_once(client, demo_site):
    assert client.get(URL).status_code == 200
    ServicePage.objects.get(slug="toekomstcoach").unpublish()
    assert client.get(URL).status_code == 404
    assert resolve(client, URL).status_code == 404


def test_a_new_restriction_applies_at_once(client, demo_site):
    """A restriction on a section covers the page below it, on the site and in the
    API, from the moment it is saved."""
    assert h1(client.get(URL)) == "Toekomstcoach"
    assert resolve(client, URL).status_code == 200
    PageViewRestriction.objects.create(
        page=ServiceIndexPage.objects.get(locale__language_code="nl"),
        restriction_type=PageViewRestriction.PASSWORD,
        password="geheim",
    )
    assert asks_password(client.get(URL))
    assert resolve(client, URL).status_code == 404
    assert "/nl/diensten/" not in {
        item["url"] for item in client.get("/api/v3/navigation/").json()["items"]
    }


@pytest.fixture
def untranslated(admin_client, demo_site):
    """A Dutch service added in the admin and its English alias (synchronisation)."""
    index = ServiceIndexPage.objects.get(locale__language_code="nl")
    response = admin_client.post(
        reverse("wagtailadmin_pages:add", args=["services", "servicepage", index.pk]),
        service_form_data(
            title="Nieuwe dienst",
            slug="nieuwe-dienst",
            summary="Een dienst die nog niet is vertaald.",
            cta_text="Vraag deze dienst aan",
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 302
    dutch = ServicePage.objects.get(slug="nieuwe-dienst", locale__language_code="nl")
    alias = dutch.get_translation(Locale.objects.get(language_code="en"))
    assert alias.alias_of_id == dutch.pk
    return dutch, alias


def test_an_alias_keeps_the_restriction_of_its_original(client, untranslated):
    """Wagtail gives an alias the restrictions of its original, which lies elsewhere
    in the tree: the English alias of a restricted Dutch page asks for the password."""
    dutch, alias = untranslated
    assert h1(client.get(alias.url)) == "Nieuwe dienst"
    PageViewRestriction.objects.create(
        page=dutch, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    assert asks_password(client.get(dutch.url))
    assert asks_password(client.get(alias.url))
    assert not public(Page.objects.filter(pk=alias.pk)).exists()
    assert resolve(client, alias.url).status_code == 404
    assert client.get(f"/api/v3/content/pages/{alias.pk}/").status_code == 404
    assert client.get(f"/api/v3/pages/{alias.pk}/").status_code == 404
    listed = client.get("/api/v3/pages/", {"type": "services.ServicePage"}).json()
    assert dutch.pk not in {page["id"] for page in listed["items"]}
    assert alias.pk not in {page["id"] for page in listed["items"]}
    assert listed["count"] == ServicePage.objects.live().count() - 2


def test_an_alias_keeps_the_restriction_of_the_section_above_its_original(
    client, untranslated
):
    """Wagtail's own check takes only the original's restrictions: a restricted
    Dutch services section covers the English alias of a service in it too, whose
    English parent is a translation, not restricted itself."""
    dutch, alias = untranslated
    assert h1(client.get(alias.url)) == "Nieuwe dienst"
    PageViewRestriction.objects.create(
        page=dutch.get_parent(),
        restriction_type=PageViewRestriction.PASSWORD,
        password="geheim",
    )
    assert asks_password(client.get(dutch.url))
    assert asks_password(client.get(alias.url))
    assert resolve(client, alias.url).status_code == 404
    assert client.get(f"/api/v3/pages/{alias.pk}/").status_code == 404


def test_unknown_paths_do_not_push_out_the_known_ones(
    demo_site, django_assert_num_queries
):
    home = HomePage.objects.get(locale__language_code="nl")
    route_from(home, None, ["diensten", "toekomstcoach"])
    for number in range(600):
        with pytest.raises(Http404):
            route_from(home, None, ["bestaat-niet", str(number)])
    with django_assert_num_queries(0):
        route_from(home, None, ["diensten", "toekomstcoach"])


def test_the_kept_home_page_is_not_changed_by_a_request(client, demo_site):
    """The home pages are kept for the content version and shared by every request
    of the process: what a request prepares is set on a copy."""
    for path in ("/", "/nl/"):
        response = resolve(client, path, expand="breadcrumbs,navigation,translations")
        assert response.status_code == 200
    assert client.get("/nl/").status_code == 200
    kept = [
        HomePage.by_language()["nl"],
        find_site(RequestFactory().get("/nl/", HTTP_HOST="localhost")).root_page,
    ]
    for home in kept:
        assert "_portal_api" not in home.__dict__
        assert "routed_ancestors" not in home.__dict__


def test_each_request_gets_its_own_page(client, demo_site):
    """What one request sets on its page (the API's prepared content, the way it was
    routed) is not seen by the next."""
    home = HomePage.objects.get(locale__language_code="nl")
    first = route_from(home, None, ["diensten", "toekomstcoach"]).page
    first.title = "Veranderd in het geheugen"
    second = route_from(home, None, ["diensten", "toekomstcoach"]).page
    assert second is not first
    assert second.title == "Toekomstcoach"
    assert [page.slug for page in second.routed_ancestors] == ["home", "diensten"]
