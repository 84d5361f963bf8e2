"""Site-wide behaviour: sitemap, robots, error pages, redirects, security headers."""

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction

from home.factories import ContentPageFactory
from services.models import ServicePage

pytestmark = pytest.mark.django_db


def test_root_redirects_to_the_dutch_home(client, demo_site):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/nl/"


def test_sitemap_lists_every_live_page(client, demo_site):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/nl/diensten/toekomstcoach/" in body
    assert "/nl/regios/mee-zuid-limburg/" in body
    assert "/nl/toegankelijkheid/" in body and "/en/accessibility/" in body
    # 36 Dutch pages (3 of them the footer's statements) and their 36 translations.
    assert body.count("<url>") == 72


def test_unpublished_pages_are_not_in_the_sitemap(client, demo_site):
    ServicePage.objects.get(slug="toekomstcoach").unpublish()
    assert "toekomstcoach" not in client.get("/sitemap.xml").content.decode()


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


@override_settings(DEBUG=False)
def test_friendly_404(client, demo_site):
    response = client.get("/nl/bestaat-niet/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(strip=True) == "Pagina niet gevonden"
    assert soup.select_one("form[role=search]") is not None
    assert soup.select(".site-nav a"), "the 404 page keeps the site navigation"


def test_500_page_is_static_and_bilingual(client):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Er ging iets mis" in html and "Something went wrong" in html
    assert "{%" not in html


def test_redirects_app_redirects_old_urls(client, demo_site):
    service = ServicePage.objects.get(slug="toekomstcoach")
    Redirect.objects.create(old_path="/toekomst", redirect_page=service)
    response = client.get("/toekomst")
    assert response.status_code == 301
    assert response["Location"].endswith("/nl/diensten/toekomstcoach/")


def test_security_headers_on_public_pages(client, demo_site):
    response = client.get("/nl/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "object-src 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_skip_link_and_landmarks(client, demo_site):
    soup = BeautifulSoup(client.get("/nl/diensten/").content, "html.parser")
    skip = soup.select_one("a.skip-link")
    assert skip["href"] == "#main" and soup.select_one("main#main")
    assert soup.select_one("header") and soup.select_one("footer")
    assert soup.select_one("nav[aria-label]")
    current = soup.select_one(".site-nav a[aria-current]")
    assert (
        current.get_text(strip=True) == "Diensten" and current["aria-current"] == "page"
    )


def test_api_and_admin_404s_are_not_redirected_to_a_language(client, demo_site):
    response = client.get("/api/v3/pages/999999/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    assert client.get("/documents/999999/x.pdf").status_code == 404


def test_unprefixed_page_urls_still_redirect_to_the_language(client, demo_site):
    response = client.get("/diensten/")
    assert response.status_code == 302
    assert response["Location"] == "/nl/diensten/"


def test_favicon_is_linked(client, demo_site):
    page = BeautifulSoup(client.get("/nl/").content, "html.parser")
    assert page.select_one("link[rel=icon]")["href"].endswith("favicon.svg")


def test_readers_of_a_language_without_a_site_land_on_the_dutch_site(client, demo_site):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/nl/"


def test_breadcrumbs_leave_out_a_draft_ancestor_as_the_api_does(client, demo_site):
    """A live page under a draft is served, but the draft has nothing to link to:
    the site's breadcrumbs and the API's come from one function."""
    parent = ContentPageFactory(parent=demo_site, title="Concept", slug="concept")
    child = ContentPageFactory(parent=parent, title="Gepubliceerd", slug="kind")
    parent.unpublish()
    response = client.get("/nl/concept/kind/")
    assert response.status_code == 200
    nav = BeautifulSoup(response.content, "html.parser").select_one(".breadcrumbs")
    assert [a["href"] for a in nav.select("a")] == ["/nl/"]
    assert nav.select_one("[aria-current=page]").get_text(strip=True) == child.title
    crumbs = client.get(f"/api/v3/content/pages/{child.pk}/breadcrumbs/").json()
    assert [crumb["url"] for crumb in crumbs] == ["/nl/", "/nl/concept/kind/"]


def test_header_menu_hides_a_restricted_section_as_the_api_does(client, demo_site):
    regions = Page.objects.get(slug="regios", locale__language_code="nl")
    PageViewRestriction.objects.create(
        page=regions, restriction_type=PageViewRestriction.LOGIN
    )
    soup = BeautifulSoup(client.get("/nl/").content, "html.parser")
    header = [a["href"] for a in soup.select(".site-nav a")]
    menu = client.get("/api/v3/navigation/", {"depth": 1}).json()["items"]
    assert header == [item["url"] for item in menu]
    assert "/nl/diensten/" in header and "/nl/regios/" not in header
