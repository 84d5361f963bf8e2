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
