"""Dutch and English on the public site: URLs, switcher, hreflang, aliases."""

from html import unescape
from xml.etree import ElementTree

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse
from wagtail.models import Locale, Page

from home.models import HomePage
from portal import demo_i18n
from services.models import ServiceIndexPage, ServicePage

from .editorial_helpers import service_form_data

# The demo site's address is the public base URL (portal/demo.py).
BASE = settings.WAGTAILADMIN_BASE_URL

pytestmark = pytest.mark.django_db
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def seeded_dutch_pages():
    home = HomePage.objects.get(locale__language_code="nl")
    return Page.objects.descendant_of(home, inclusive=True).live().specific()


def test_every_seeded_page_has_an_english_translation_with_english_text(
    client, demo_site
):
    english = Locale.objects.get(language_code="en")
    pages = list(seeded_dutch_pages())
    assert len(pages) == 36
    for page in pages:
        translation = page.get_translation(english)
        assert translation.live and translation.alias_of_id is None, page.url_path
        po = polib.pofile(
            str(demo_i18n.PO_DIR / "en" / demo_i18n.po_name(page)), encoding="utf-8"
        )
        title = next(entry.msgstr for entry in po if entry.msgctxt == "title")
        # wagtail-localize gives plain text to translators HTML-escaped.
        title = unescape(title)
        assert translation.title == title
        html = soup(client.get(translation.url))
        assert html.html["lang"] == "en"
        assert title in html.title.get_text(), translation.url
        assert html.select_one("main h1").get_text(strip=True), translation.url


def test_english_service_page_shows_english_labels_and_measures(client, demo_site):
    html = soup(client.get("/en/services/future-coach/"))
    facts = html.select_one("dl.facts").get_text(" ", strip=True)
    assert "Young people at risk of getting stuck" in facts
    assert "Jongeren" not in facts
    measure = html.select_one("#service-measures + ul a")
    assert measure["href"] == (
        "/en/measures/41-connecting-with-the-labour-market-and-business/"
    )
    assert html.select_one("a.button")["href"].startswith("/en/contact/?service=")


def test_english_measure_page_lists_the_english_services(client, demo_site):
    html = soup(
        client.get(
            "/en/measures/31-every-school-receives-funding-for-its-own-school-programme/"
        )
    )
    links = {a["href"] for a in html.select("main a")}
    assert "/en/services/school-social-work/" in links
    assert not any(link.startswith("/nl/") for link in links)


def test_switcher_and_hreflang_point_at_the_counterpart(client, demo_site):
    html = soup(client.get("/nl/diensten/toekomstcoach/"))
    switcher = html.select_one("nav.language-switcher")
    english = switcher.select_one('a[lang="en"]')
    assert english["href"] == "/en/services/future-coach/"
    assert english.get_text(strip=True) == "English"
    current = switcher.select_one("a[aria-current]")
    assert current["lang"] == "nl"
    alternates = {
        link["hreflang"]: link["href"] for link in html.select("link[rel=alternate]")
    }
    assert alternates == {
        "nl": f"{BASE}/nl/diensten/toekomstcoach/",
        "en": f"{BASE}/en/services/future-coach/",
        "x-default": f"{BASE}/nl/diensten/toekomstcoach/",
    }

    back = soup(client.get("/en/services/future-coach/"))
    assert back.select_one('nav.language-switcher a[lang="nl"]')["href"] == (
        "/nl/diensten/toekomstcoach/"
    )


@pytest.fixture
def untranslated_service(admin_client, demo_site):
    """A Dutch service added in the admin; synchronisation gives it an English alias."""
    index = ServiceIndexPage.objects.get(locale__language_code="nl")
    url = reverse("wagtailadmin_pages:add", args=["services", "servicepage", index.pk])
    response = admin_client.post(
        url,
        service_form_data(
            title="Nieuwe dienst",
            slug="nieuwe-dienst",
            summary="Een dienst die nog niet is vertaald.",
            cta_text="Vraag deze dienst aan",
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return ServicePage.objects.get(slug="nieuwe-dienst", locale__language_code="nl")


def test_switcher_says_plainly_when_a_page_is_not_translated(
    client, untranslated_service
):
    html = soup(client.get("/nl/diensten/nieuwe-dienst/"))
    english = html.select_one('nav.language-switcher a[lang="en"]')
    assert english["href"] == "/en/"
    note = html.select_one(f"#{english['aria-describedby']}")
    assert note["lang"] == "en"
    assert "not been translated yet" in note.get_text()
    hreflangs = {link["hreflang"] for link in html.select("link[rel=alternate]")}
    assert "en" not in hreflangs


def test_untranslated_alias_says_so_and_marks_the_dutch_text(
    client, untranslated_service
):
    alias = untranslated_service.get_translation(Locale.objects.get(language_code="en"))
    assert alias.alias_of_id == untranslated_service.pk
    html = soup(client.get(alias.url))
    assert html.html["lang"] == "en"
    main = html.select_one("main")
    assert main["lang"] == "nl"
    notice = main.select_one(".notice--translation")
    assert notice["lang"] == "en"
    assert "original text in Dutch" in notice.get_text()
    assert html.select_one("link[rel=canonical]")["href"].endswith(
        "/nl/diensten/nieuwe-dienst/"
    )


def test_new_dutch_pages_appear_in_the_english_tree(client, untranslated_service):
    alias = untranslated_service.get_translation(Locale.objects.get(language_code="en"))
    assert alias.get_parent().specific.slug == "services"
    assert alias.live


def test_search_page_switcher_keeps_the_query(client, demo_site):
    html = soup(client.get("/nl/search/", {"q": "toekomst"}))
    english = html.select_one('nav.language-switcher a[lang="en"]')
    assert english["href"] == "/en/search/?q=toekomst"


def test_english_readers_are_sent_to_the_english_site(client, demo_site):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_english_home_page_features_english_pages(client, demo_site):
    html = soup(client.get("/en/"))
    main_links = [a["href"] for a in html.select("main a[href^='/']")]
    assert main_links
    assert all(link.startswith("/en/") for link in main_links), main_links
    assert "/en/contact/" in main_links


def test_sitemap_lists_both_languages_with_alternates(client, demo_site):
    body = client.get("/sitemap.xml").content.decode()
    # The portal's own sitemap, not untrusted input.
    urlset = ElementTree.fromstring(body)  # noqa: S314
    urls = urlset.findall(f"{{{SITEMAP}}}url")
    assert len(urls) == 72
    entry = next(
        url
        for url in urls
        if url.findtext(f"{{{SITEMAP}}}loc").endswith("/nl/diensten/toekomstcoach/")
    )
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in entry.findall("{http://www.w3.org/1999/xhtml}link")
    }
    assert alternates == {
        "nl": f"{BASE}/nl/diensten/toekomstcoach/",
        "en": f"{BASE}/en/services/future-coach/",
    }


def test_english_taxonomy_keeps_the_slugs_the_filters_use(demo_site):
    english = ServicePage.objects.get(slug="future-coach")
    dutch = ServicePage.objects.get(slug="toekomstcoach")
    assert english.target_group_slugs() == dutch.target_group_slugs()
    assert english.measure_codes() == dutch.measure_codes()
    assert {group.locale.language_code for group in english.target_groups.all()} == {
        "en"
    }


def test_english_contact_form_routes_to_the_dutch_office_and_thanks_in_english(
    client, valid_data, mailbox
):
    from contact.models import ContactRequest

    english = Locale.objects.get(language_code="en")
    data = {
        **valid_data,
        "school_type": "po",
        "service": ServicePage.objects.get(slug="future-coach").pk,
        "question": "We are looking for support for a group of pupils.",
    }
    response = client.post("/en/contact/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    contact_request = ContactRequest.objects.get()
    # Routing and access work on the Dutch office; the school reads English.
    assert contact_request.office.slug == "mee-groningen"
    assert contact_request.office.locale.language_code == "nl"
    assert contact_request.language == "en"
    # The token chose the English school type, as the English form offers it.
    assert contact_request.school_type.locale == english
    thanks = soup(client.get(response["Location"]))
    assert thanks.html["lang"] == "en"
    assert "MEE Groningen" in thanks.select_one(".routed-office").get_text()
    assert "Your request goes to" in thanks.select_one(".routed-office").get_text()


def test_invalid_input_in_english_gets_an_english_error(client, valid_data):
    from contact.models import ContactRequest

    response = client.post("/en/contact/", {**valid_data, "postcode": "12345"})
    assert response.status_code == 400
    html = BeautifulSoup(response.content, "html.parser")
    assert html.html["lang"] == "en"
    assert "Enter a Dutch postcode" in html.select_one("#id_postcode_error").get_text()
    assert not ContactRequest.objects.exists()
