"""Every public page type renders the real content of the demo site."""

import pytest
from bs4 import BeautifulSoup

from home.models import ArticlePage
from offices.models import RegionalOfficePage
from services.models import MeasurePage, ServicePage

pytestmark = pytest.mark.django_db


def get_soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def text_of(soup):
    return " ".join(soup.get_text(" ").split())


def test_home_page(client, demo_site):
    soup = get_soup(client, "/nl/")
    assert soup.html["lang"] == "nl"
    assert soup.h1.get_text(strip=True) == "Ondersteuning voor kwetsbare leerlingen"
    featured = [a.get_text(strip=True) for a in soup.select("#featured-title ~ ul a")]
    assert featured[:2] == ["Schoolmaatschappelijk werk", "Meedoen in het onderwijs"]
    assert (
        "3.1 Iedere school krijgt middelen voor een eigen schoolprogramma" in featured
    )
    latest = soup.select_one("#latest-title").find_next("ul").get_text()
    assert "Steunpakket voor leerachterstand in onderwijs" in latest
    assert soup.select_one(".cta a")["href"] == "/nl/contact/"
    menu = [a.get_text(strip=True) for a in soup.select(".site-nav a")]
    assert menu == [
        "NPO-maatregelen",
        "Diensten",
        "Actueel",
        "MEE in uw regio",
        "Contact",
    ]


def test_article_page_holds_the_source_article(client, demo_site):
    article = ArticlePage.objects.get(
        slug="steunpakket-voor-leerachterstand-in-onderwijs"
    )
    soup = get_soup(client, article.url)
    assert (
        soup.h1.get_text(strip=True) == "Steunpakket voor leerachterstand in onderwijs"
    )
    figures = [dt.get_text(strip=True) for dt in soup.select(".key-figures dt")]
    assert figures == ["8,5 miljard", "2,5 jaar", "180.000 euro", "1,3 miljoen"]
    quote = soup.select_one(".quote")
    assert "om de pijn te verzachten" in quote.blockquote.get_text()
    assert "Minister Slob" in quote.figcaption.get_text()
    links = [a.get_text(strip=True) for a in soup.select(".link-list a")]
    assert "Toekomstcoach" in links and "Extra onderwijs en begeleiding" in links
    crumbs = [a.get_text(strip=True) for a in soup.select(".breadcrumbs a")]
    assert crumbs == ["Home", "Actueel"]


def test_article_index_lists_articles(client, demo_site):
    soup = get_soup(client, "/nl/actueel/")
    assert soup.h1.get_text(strip=True) == "Actueel"
    assert "Steunpakket voor leerachterstand in onderwijs" in text_of(soup)


def test_measure_index_groups_by_sector(client, demo_site):
    soup = get_soup(client, "/nl/maatregelen/")
    sections = {
        section.h2.get_text(strip=True): [
            a.get_text(strip=True) for a in section.select("a")
        ]
        for section in soup.select("main section")
    }
    foundational, vocational = sections.values()
    assert [title.split()[0] for title in foundational] == ["3.1", "3.2", "3.5"]
    assert vocational == ["4.1 De aansluiting arbeidsmarkt en bedrijfsleven"]


def test_measure_page_shows_quotes_and_services(client, demo_site):
    measure = MeasurePage.objects.get(code="3.1", locale__language_code="nl")
    soup = get_soup(client, measure.url)
    eyebrow = " ".join(soup.select_one(".eyebrow").get_text().split())
    assert eyebrow == "NPO-maatregel 3.1 · Funderend onderwijs"
    quotes = {
        q.blockquote.get_text(strip=True): q.figcaption.get_text()
        for q in soup.select(".quote")
    }
    assert "Minister Slob" in quotes["Zonder plan geen geld."]
    services = [a.get_text(strip=True) for a in soup.select("#measure-services ~ ul a")]
    assert services == [
        "Schoolmaatschappelijk werk",
        "Meedoen in het onderwijs",
        "Integrale Vroeghulp",
    ]


def test_service_index_lists_the_five_services(client, demo_site):
    soup = get_soup(client, "/nl/diensten/")
    titles = [h.get_text(strip=True) for h in soup.select(".card__title")]
    assert titles == [
        "Schoolmaatschappelijk werk",
        "Meedoen in het onderwijs",
        "Integrale Vroeghulp",
        "Gastlessen en cursussen",
        "Toekomstcoach",
    ]


def test_service_page_shows_taxonomy_measures_and_calls_to_action(client, demo_site):
    service = ServicePage.objects.get(slug="toekomstcoach")
    soup = get_soup(client, service.url)
    assert soup.h1.get_text(strip=True) == "Toekomstcoach"
    assert "eigen toekomstplan" in text_of(soup)
    facts = text_of(soup.select_one(".facts"))
    assert "Jongeren die vast dreigen te lopen" in facts and "Mbo" in facts
    measures = [a.get_text(strip=True) for a in soup.select("#service-measures ~ ul a")]
    assert measures == ["4.1 De aansluiting arbeidsmarkt en bedrijfsleven"]
    cta = soup.select_one(".actions a.button")
    assert cta["href"] == f"/nl/contact/?service={service.pk}"
    assert cta.get_text(strip=True) == "Vraag deze dienst aan voor uw school"


def test_region_index_and_office_page(client, demo_site):
    soup = get_soup(client, "/nl/regios/")
    offices = [h.get_text(strip=True) for h in soup.select(".card__title")]
    assert len(offices) == 17 and "MEE Plus (Mooi Sociaal)" in offices
    office = RegionalOfficePage.objects.get(
        slug="mee-groningen", locale__language_code="nl"
    )
    soup = get_soup(client, office.url)
    assert soup.h1.get_text(strip=True) == "MEE Groningen"
    facts = text_of(soup.select_one(".contact-card .facts"))
    assert "mee-groningen@example.org" in facts
    assert "https://www.meegroningen.nl" in facts
    # The demo has no address, phone or opening hours: the card shows none.
    assert "Bezoekadres" not in facts and "Openingstijden" not in facts
    served = [li.get_text(strip=True) for li in soup.select(".municipalities li")]
    assert served[:3] == ["Eemsdelta", "Groningen", "Het Hogeland"]
    assert "Stadskanaal" in served
    # Listed once: the in-words area repeats the same names and is not shown.
    assert text_of(soup.main).count("Stadskanaal") == 1
    assert soup.select_one("main a.button")["href"] == "/nl/contact/"


def test_footer_comes_from_site_settings(client, demo_site):
    soup = get_soup(client, "/nl/")
    footer = text_of(soup.footer)
    assert "MEE NL" in footer and "info@example.org" in footer
