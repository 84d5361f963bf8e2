"""Queries are counted, zero-result queries kept apart, and editors see both."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from wagtail.contrib.search_promotions.models import Query

from search.models import ZeroResultQuery
from search.query import search_pages


def searches_of(text):
    query = Query.objects.filter(query_string=text).first()
    return query.hits if query else 0


def test_searches_are_counted(search_engine, demo_site):
    search_pages("Toekomstcoach", demo_site.locale)
    search_pages("toekomstcoach ", demo_site.locale)
    search_pages("toekomstcoach", demo_site.locale, page=2)
    assert searches_of("toekomstcoach") == 2
    assert not ZeroResultQuery.objects.exists()


def test_zero_result_queries_are_recorded(search_engine, demo_site):
    search_pages("zwemdiploma", demo_site.locale)
    search_pages("zwemdiploma", demo_site.locale)
    day = ZeroResultQuery.objects.get(query__query_string="zwemdiploma")
    assert day.hits == 2
    assert day.locale == demo_site.locale


def report_rows(client, url):
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        [cell.get_text(strip=True) for cell in row.select("td")]
        for row in soup.select("table tbody tr")
    ]


@pytest.fixture
def editor(django_user_model, client):
    user = django_user_model.objects.create_user("redacteur", password="x")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_searchpromotion"),
    )
    client.force_login(user)
    return user


def test_reports_list_frequent_and_zero_result_queries(
    search_engine, demo_site, client, editor
):
    for _ in range(3):
        search_pages("smw", demo_site.locale)
    search_pages("zwemdiploma", demo_site.locale)
    frequent = report_rows(client, "/admin/reports/search/")
    assert [row[:2] for row in frequent] == [["smw", "3"], ["zwemdiploma", "1"]]
    zero = report_rows(client, "/admin/reports/search/zero-results/")
    assert [row[:2] for row in zero] == [["zwemdiploma", "1"]]
    export = client.get("/admin/reports/search/zero-results/?export=csv")
    assert b"zwemdiploma" in b"".join(export.streaming_content)


def test_reports_need_the_promotion_permission(
    search_engine, client, django_user_model
):
    user = django_user_model.objects.create_user("lezer", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/reports/search/").status_code in (302, 403)


def action_links(client, url):
    """``{query: [(href, text), …]}`` of the report's "What you can do" column."""
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    headings = [th.get_text(strip=True) for th in soup.select("table thead th")]
    column = headings.index("Wat u kunt doen")
    links = {}
    for row in soup.select("table tbody tr"):
        cells = row.select("td")
        links[cells[0].get_text(strip=True)] = [
            (a["href"], a.get_text(strip=True)) for a in cells[column].select("a")
        ]
    return links


def test_reports_link_each_query_to_its_promotion_and_a_search_term(
    search_engine, demo_site, client, editor
):
    editor.user_permissions.add(
        Permission.objects.get(codename="change_searchpromotion")
    )
    search_pages("smw", demo_site.locale)
    search_pages("zwemdiploma", demo_site.locale)
    smw, zwemdiploma = (Query.get(text) for text in ("smw", "zwemdiploma"))
    best = search_pages("smw", demo_site.locale, record=False).hits[0].page

    frequent = action_links(client, "/admin/reports/search/")
    hrefs = [href for href, _text in frequent["smw"]]
    # The query's own promotion form, and the page it finds first, at its
    # Promote tab where the search terms are.
    assert f"/admin/searchpicks/{smw.pk}/" in hrefs
    assert f"/admin/pages/{best.pk}/edit/#tab-promote" in hrefs
    assert any(best.title in text for _href, text in frequent["smw"])
    # Nothing found: the explorer, to choose the page that should be found.
    zero = action_links(client, "/admin/reports/search/zero-results/")
    hrefs = [href for href, _text in zero["zwemdiploma"]]
    assert f"/admin/searchpicks/{zwemdiploma.pk}/" in hrefs
    assert "/admin/pages/" in hrefs

    # The promotion form opens with the query filled in.
    form = BeautifulSoup(
        client.get(f"/admin/searchpicks/{smw.pk}/").content, "html.parser"
    )
    assert form.select_one('input[name="query_string"]')["value"] == "smw"


def test_reports_offer_the_empty_promotion_form_to_who_may_only_add(
    search_engine, demo_site, client, editor
):
    search_pages("zwemdiploma", demo_site.locale)
    zero = action_links(client, "/admin/reports/search/zero-results/")
    hrefs = [href for href, _text in zero["zwemdiploma"]]
    assert "/admin/searchpicks/add/" in hrefs
    assert client.get("/admin/searchpicks/add/").status_code == 200
