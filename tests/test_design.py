"""The public face (issue 16): statements in the footer, "Vind uw MEE" without
JavaScript, services and measures told apart, lead paragraphs not repeated."""

import pytest
from bs4 import BeautifulSoup

from services.models import ServicePage

pytestmark = pytest.mark.django_db


def get_soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    ("url", "links"),
    [
        (
            "/nl/",
            {
                "Privacyverklaring": "/nl/privacy/",
                "Toegankelijkheidsverklaring": "/nl/toegankelijkheid/",
                "Colofon": "/nl/colofon/",
            },
        ),
        (
            "/en/services/",
            {
                "Privacy statement": "/en/privacy/",
                "Accessibility statement": "/en/accessibility/",
                "Colophon": "/en/colophon/",
            },
        ),
    ],
)
def test_footer_links_the_statements_in_the_readers_language(
    client, demo_site, url, links
):
    soup = get_soup(client, url)
    about = soup.select_one("#footer-about").find_next("ul")
    assert {a.get_text(strip=True): a["href"] for a in about.select("a")} == links


def test_accessibility_statement_says_what_is_tested_and_what_is_not(client, demo_site):
    text = get_soup(client, "/nl/toegankelijkheid/").main.get_text(" ")
    for part in ("Status", "Datum en reikwijdte", "axe-core", "Niet getest"):
        assert part in text
    assert "Bekende beperkingen" in text and "Laat het ons weten" in text
    english = get_soup(client, "/en/accessibility/").main.get_text(" ")
    assert "first measures taken" in english and "axe-core" in english


@pytest.mark.parametrize(
    ("url", "postcode", "answer"),
    [
        ("/nl/regios/", "9711 AB", "De MEE-organisatie voor postcode 9711 AB is"),
        ("/en/regions/", "9711AB", "The MEE organisation for postcode 9711 AB is"),
    ],
)
def test_postcode_box_answers_without_javascript(
    client, demo_site, url, postcode, answer
):
    soup = get_soup(client, f"{url}?postcode={postcode}")
    result = soup.select_one(".office-finder__result")
    assert answer in " ".join(result.get_text().split())
    office = result.select_one("a")
    assert office.get_text(strip=True) == "MEE Groningen"
    assert office["href"] == f"{url}mee-groningen/"


def test_postcode_box_explains_a_bad_postcode_in_dutch(client, demo_site):
    soup = get_soup(client, "/nl/regios/?postcode=12")
    field = soup.select_one("#office-finder-postcode")
    assert field["aria-invalid"] == "true" and field["value"] == "12"
    error = soup.select_one(f"#{field['aria-describedby']}").get_text()
    assert error.startswith("Vul een Nederlandse postcode in")
    assert not soup.select_one(".office-finder__result").get_text(strip=True)


def test_office_page_checks_a_postcode_against_its_own_area(client, demo_site):
    url = "/nl/regios/mee-groningen/"
    yes = get_soup(client, f"{url}?postcode=9711AB").select_one(
        ".office-finder__result"
    )
    assert yes.get_text(strip=True).startswith("Ja: MEE Groningen helpt scholen")
    no = get_soup(client, f"{url}?postcode=3511").select_one(".office-finder__result")
    assert no.get_text(strip=True).startswith("Nee: scholen met postcode 3511")
    assert no.select_one("a")["href"] != url


def test_home_page_offers_the_three_tasks_and_labels_featured_items(client, demo_site):
    soup = get_soup(client, "/nl/")
    tasks = {
        a.select_one(".utrecht-toptask-link__title").get_text(strip=True): a["href"]
        for a in soup.select(".tasks a")
    }
    assert tasks == {
        "Vind een dienst": "/nl/diensten/",
        "Waar u NPO-geld aan kunt besteden": "/nl/maatregelen/",
        "Vraag het MEE": "/nl/contact/",
    }
    assert soup.select_one(".office-finder form")["action"].startswith("/nl/regios/")
    kinds = {
        card.select_one(".card__title").get_text(strip=True): card.select_one(
            ".card__kind"
        ).get_text(strip=True)
        for card in soup.select("#featured-title ~ ul .card")
    }
    assert kinds["Toekomstcoach"] == "MEE-dienst"
    assert kinds["4.1 De aansluiting arbeidsmarkt en bedrijfsleven"] == "NPO-maatregel"


@pytest.mark.parametrize(
    "slug",
    ["schoolmaatschappelijk-werk", "integrale-vroeghulp", "toekomstcoach"],
)
def test_service_lead_is_not_repeated_as_first_paragraph(client, demo_site, slug):
    service = ServicePage.objects.get(slug=slug, locale__language_code="nl")
    soup = get_soup(client, service.url)
    lead = soup.select_one(".lead").get_text(strip=True)
    first = soup.select_one(".stream p").get_text(strip=True)
    assert first.split()[:4] != lead.split()[:4]
    assert first.split(".")[0] not in lead


def test_icons_are_inline_and_hidden_from_assistive_technology(client, demo_site):
    soup = get_soup(client, "/nl/regios/mee-groningen/")
    icons = soup.select("svg.mee-icon")
    assert icons and all(i["aria-hidden"] == "true" for i in icons)
    assert all(i.get("focusable") == "false" for i in icons)
