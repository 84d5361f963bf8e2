"""The search page at /<locale>/search/: results, count, facets, pages, autocomplete."""

import pytest
from bs4 import BeautifulSoup

from services.models import ServiceIndexPage

from .search_helpers import english_services, refresh, service

# The page reads whichever engine is configured: it is tried on each of them.
pytestmark = pytest.mark.engines


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def result_links(soup):
    return [
        (item.h2.a.get_text(strip=True), item.h2.a["href"])
        for item in soup.select("ol.search-results > li")
    ]


def test_results_are_an_ordered_list_of_links_by_title(client, search_engine):
    soup = get(client, "/nl/search/?q=smw")
    assert result_links(soup)[0] == (
        "Schoolmaatschappelijk werk",
        "/nl/diensten/schoolmaatschappelijk-werk/",
    )
    status = soup.select_one('[role="status"]')
    assert status.get_text().strip().startswith(f"{len(result_links(soup))} ")
    assert "smw" in status.get_text()


def test_matched_passage_is_marked_and_escaped(client, search_engine):
    soup = get(client, "/nl/search/?q=autisme")
    passages = soup.select("ol.search-results .search-result-passage mark")
    assert "autisme" in [mark.get_text() for mark in passages]
    soup = get(client, "/nl/search/?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert soup.select("main script") == []


def test_facets_are_a_form_of_fieldsets_with_checkboxes(client, search_engine):
    soup = get(client, "/nl/search/?q=kwetsbare+leerlingen&school_type=vo")
    form = soup.select_one("form.search-facets")
    assert form["method"] == "get"
    legends = [legend.get_text(strip=True) for legend in form.select("legend")]
    assert len(legends) == len(form.select("fieldset")) >= 4
    checked = form.select('input[type="checkbox"][checked]')
    assert [(box["name"], box["value"]) for box in checked] == [("school_type", "vo")]
    for box in form.select('input[type="checkbox"]'):
        label = form.select_one(f'label[for="{box["id"]}"]')
        assert label.select_one(".search-facet-count").get_text().strip("()").isdigit()
    assert form.select_one('input[type="hidden"][name="q"]')["value"] == (
        "kwetsbare leerlingen"
    )
    assert sorted(title for title, _ in result_links(soup)) == [
        "Gastlessen en cursussen",
        "Schoolmaatschappelijk werk",
    ]


def test_clearing_the_filters_keeps_the_query(client, search_engine):
    soup = get(client, "/nl/search/?q=kwetsbare+leerlingen&school_type=vo&page=1")
    clear = soup.select_one("form.search-facets a")
    assert clear.get_text(strip=True) == "Filters wissen"
    assert clear["href"] == "?q=kwetsbare+leerlingen"
    cleared = get(client, "/nl/search/" + clear["href"])
    assert cleared.select('form.search-facets input[type="checkbox"][checked]') == []
    assert len(result_links(cleared)) > len(result_links(soup))


def test_pagination_keeps_the_query_and_filters(client, search_engine, demo_site):
    index = ServiceIndexPage.objects.child_of(demo_site).get()
    for number in range(12):
        service(index, f"Knutselmiddag {number}", "Knutselen met de klas.")
    refresh(search_engine)
    first = get(client, "/nl/search/?q=knutselmiddag&type=services.ServicePage")
    assert len(result_links(first)) == 10
    next_link = first.select_one('a[rel="next"]')["href"]
    assert "q=knutselmiddag" in next_link
    assert "type=services.ServicePage" in next_link
    second = get(client, "/nl/search/" + next_link)
    assert len(result_links(second)) == 2
    assert second.select_one("ol.search-results")["start"] == "11"
    assert not set(result_links(first)) & set(result_links(second))


@pytest.mark.parametrize("page", ["0", "-3", "abc", "999"])
def test_odd_page_numbers_do_not_fail(client, search_engine, page):
    soup = get(client, f"/nl/search/?q=smw&page={page}")
    assert soup.select_one('[role="status"]')


def test_empty_query_shows_the_form_only(client, search_engine):
    soup = get(client, "/nl/search/")
    assert soup.select_one('input[name="q"]')
    assert soup.select("ol.search-results") == []


def test_english_search_page_shows_english_pages_only(client, search_engine, demo_site):
    _english, index_en = english_services(demo_site)
    service(index_en, "Dyscalculia support", "Support for pupils with dyscalculia.")
    refresh(search_engine)
    soup = get(client, "/en/search/?q=dyscalculia")
    [(title, href)] = result_links(soup)
    assert title == "Dyscalculia support"
    assert href.startswith("/en/")
    assert href.endswith("/dyscalculia-support/")
    dutch_only = get(client, "/en/search/?q=toekomstcoach")
    assert dutch_only.select("ol.search-results") == []


def test_autocomplete_endpoint_answers_json(client, search_engine):
    response = client.get("/nl/search/autocomplete/?q=toekom")
    assert response.status_code == 200
    assert response.json()["results"] == [
        {"title": "Toekomstcoach", "url": "/nl/diensten/toekomstcoach/"}
    ]
    assert client.get("/nl/search/autocomplete/?q=t").json()["results"] == []


def test_search_page_loads_its_script_from_a_file(client, search_engine):
    soup = get(client, "/nl/search/?q=smw")
    scripts = soup.select("script")
    assert [s.get("src") for s in scripts] == [
        "/static/js/site.js",
        "/static/js/search-autocomplete.js",
    ]
    assert all(not s.string for s in scripts)
