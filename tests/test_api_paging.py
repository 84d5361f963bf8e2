"""One paging model for the API's lists: page, per_page, num_pages, total, next and
previous; a page out of range is a translated 400 problem (core/paging.py)."""

import pytest
from django.test import RequestFactory

from core.paging import api_page
from services.models import ServicePage

from .api_helpers import assert_problem

pytestmark = pytest.mark.django_db


def services_index(client):
    index = ServicePage.objects.get(
        slug="toekomstcoach", locale__language_code="nl"
    ).get_parent()
    return f"/api/v3/content/pages/{index.pk}/"


def test_per_page_is_honoured_with_next_and_previous(client, demo_site):
    """``per_page=2`` was ignored; the paging had no links to the other pages."""
    url = services_index(client)
    first = client.get(url, {"per_page": 2}).json()
    assert len(first["services"]) == 2
    assert first["paging"] == {
        "page": 1,
        "per_page": 2,
        "num_pages": 3,
        "total": 5,
        "next": f"{url}?per_page=2&page=2",
        "previous": None,
    }
    last = client.get(url, {"per_page": 2, "page": 3}).json()
    assert len(last["services"]) == 1
    assert last["paging"]["next"] is None
    assert last["paging"]["previous"] == f"{url}?per_page=2&page=2"
    titles = {card["title"] for card in first["services"]}
    assert titles.isdisjoint(card["title"] for card in last["services"])


@pytest.mark.parametrize("page", ["0", "-1", "99", "x"])
def test_a_page_out_of_range_is_a_translated_problem(client, demo_site, page):
    """``?page=99`` answered the last page, ``?page=0`` the first."""
    answer = client.get(
        services_index(client), {"page": page}, HTTP_ACCEPT_LANGUAGE="nl"
    )
    body = assert_problem(answer, 400)
    assert "pagina" in body["detail"] or "geheel getal" in body["detail"]


@pytest.mark.parametrize("per_page", ["0", "51"])
def test_a_page_size_out_of_range_is_a_problem(client, demo_site, per_page):
    answer = client.get(services_index(client), {"per_page": per_page})
    assert "per_page" in assert_problem(answer, 400)["detail"]


@pytest.mark.parametrize("page", ["0", "-1", "99"])
def test_search_pages_out_of_range_are_problems(client, demo_site, page):
    answer = client.get("/api/v3/search/", {"q": "school", "page": page})
    assert_problem(answer, 400)


def test_search_has_the_one_paging_model(client, demo_site):
    """Search answered ``page``, ``per_page``, ``num_pages`` beside its results."""
    body = client.get("/api/v3/search/", {"q": "school", "per_page": 2}).json()
    paging = body["paging"]
    assert set(paging) == {"page", "per_page", "num_pages", "total", "next", "previous"}
    assert paging["per_page"] == 2 and len(body["results"]) <= 2
    assert "page" not in body and "num_pages" not in body
    if paging["num_pages"] > 1:
        assert "page=2" in paging["next"]


def test_api_page_is_what_a_listing_reuses(demo_site):
    """The function the editorial listings build on: a page and its paging dict."""
    request = RequestFactory().get("/api/v3/x/", {"page": "2", "per_page": "3"})
    page, paging = api_page(request, ServicePage.objects.order_by("pk"), per_page=10)
    assert len(page.object_list) == min(3, ServicePage.objects.count() - 3)
    assert paging["page"] == 2 and paging["per_page"] == 3
    assert paging["previous"] == "/api/v3/x/?page=1&per_page=3"


def test_wagtails_lists_link_their_next_and_previous_pages(client, demo_site):
    """Wagtail's ``{items, count}`` lists had no way to the other pages."""
    first = client.get("/api/v3/pages/", {"limit": 2})
    count = first.json()["count"]
    assert count > 4
    assert first["Link"] == '</api/v3/pages/?limit=2&offset=2>; rel="next"'
    middle = client.get("/api/v3/pages/", {"limit": 2, "offset": 2})
    assert middle["Link"] == (
        '</api/v3/pages/?limit=2&offset=4>; rel="next", '
        '</api/v3/pages/?limit=2&offset=0>; rel="prev"'
    )
    last = client.get("/api/v3/pages/", {"limit": 2, "offset": count - 1})
    assert 'rel="next"' not in last["Link"] and 'rel="prev"' in last["Link"]
