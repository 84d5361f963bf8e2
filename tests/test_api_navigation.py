"""GET /api/v3/navigation/: the menu tree of a locale."""

import pytest
from wagtail.models import Locale, Page, PageViewRestriction

from services.models import ServicePage

from .api_helpers import assert_problem, english_service

pytestmark = pytest.mark.django_db
URL = "/api/v3/navigation/"
MENU = ["/nl/maatregelen/", "/nl/diensten/", "/nl/actueel/", "/nl/regios/"]


def urls(items):
    return [item["url"] for item in items]


def test_depth_one_is_the_site_header_menu(client, demo_site):
    body = client.get(URL, {"locale": "nl", "depth": 1}).json()
    assert body["locale"] == "nl"
    assert body["home"]["url"] == "/nl/" and body["home"]["title"] == demo_site.title
    assert urls(body["items"])[:4] == MENU
    assert all(item["children"] == [] for item in body["items"])


def test_depth_two_nests_menu_pages_under_their_parents(client, demo_site):
    ServicePage.objects.filter(slug="toekomstcoach").update(show_in_menus=True)
    body = client.get(URL, {"depth": 2}).json()
    services = next(item for item in body["items"] if item["url"] == "/nl/diensten/")
    assert urls(services["children"]) == ["/nl/diensten/toekomstcoach/"]
    assert services["children"][0]["children"] == []
    assert client.get(URL, {"depth": 1}).json()["items"][1]["children"] == []


def test_hidden_drafts_and_private_pages_are_left_out(client, demo_site):
    ServicePage.objects.filter(slug="toekomstcoach").update(show_in_menus=True)
    index = Page.objects.get(url_path__endswith="/diensten/")
    Page.objects.filter(pk=index.pk).update(show_in_menus=False)
    body = client.get(URL, {"depth": 3}).json()
    assert "/nl/diensten/" not in urls(body["items"])
    assert "/nl/diensten/toekomstcoach/" not in str(body)

    Page.objects.get(slug="actueel").specific.unpublish()
    regions = Page.objects.get(slug="regios", locale__language_code="nl")
    PageViewRestriction.objects.create(
        page=regions, restriction_type=PageViewRestriction.LOGIN
    )
    assert urls(client.get(URL).json()["items"]) == ["/nl/maatregelen/", "/nl/contact/"]


def test_each_locale_has_its_own_menu(client, demo_site):
    english_service(demo_site)
    body = client.get(URL, {"locale": "en"}).json()
    assert body["home"]["url"] == "/en/"
    assert urls(body["items"]) == [
        "/en/measures/",
        "/en/services/",
        "/en/news/",
        "/en/regions/",
        "/en/contact/",
    ]


@pytest.mark.parametrize("depth", ["0", "5", "-1"])
def test_depth_out_of_bounds_is_a_problem(client, demo_site, depth):
    response = client.get(URL, {"depth": depth}, HTTP_ACCEPT_LANGUAGE="en")
    assert assert_problem(response, 400)["detail"] == "Depth must be between 1 and 4."


def test_a_depth_that_is_no_number_is_a_problem(client, demo_site):
    response = client.get(URL, {"depth": "two"}, HTTP_ACCEPT_LANGUAGE="en")
    body = assert_problem(response, 400)
    assert body["detail"] == "The request has invalid parameters."
    assert body["errors"][0]["loc"] == ["query", "depth"]


def test_unknown_locale_is_a_problem_and_a_locale_without_home_is_not_found(
    client, demo_site
):
    response = client.get(URL, {"locale": "fr"}, HTTP_ACCEPT_LANGUAGE="en")
    assert assert_problem(response, 400)["detail"] == (
        "Unknown locale “fr”; known locales: en, nl."
    )
    Locale.objects.create(language_code="de")
    assert_problem(client.get(URL, {"locale": "de"}), 404)
