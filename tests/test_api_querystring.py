"""The editors' listing query (``@querystring-search``)."""

import pytest
from django.utils import timezone

from services.models import MeasurePage, ServicePage

from .api_helpers import assert_problem
from .editorial_helpers import call, editor

pytestmark = pytest.mark.django_db

SEARCH = "/api/v3/editorial/search/"


def search(client, user, query):
    response = call(client, "get", f"{SEARCH}?{query}", user)
    assert response.status_code == 200, response.content
    return response.json()


def test_filter_by_type_language_and_taxonomy(client, demo_site):
    user = editor()
    expected = set(
        ServicePage.objects.filter(
            locale__language_code="nl", school_types__slug="mbo"
        ).values_list("pk", flat=True)
    )
    assert expected
    found = search(
        client,
        user,
        "type=services.ServicePage&locale=nl&school_type=mbo&per_page=100",
    )
    assert {item["id"] for item in found["items"]} == expected
    assert found["paging"]["total"] == len(expected)
    assert {item["type"] for item in found["items"]} == {"services.ServicePage"}


def test_sort_fields_and_paging_links(client, demo_site):
    user = editor()
    first = search(
        client,
        user,
        "type=services.MeasurePage&locale=nl&sort=title&per_page=2&fields=summary",
    )
    titles = list(
        MeasurePage.objects.filter(locale__language_code="nl")
        .order_by("title")
        .values_list("title", flat=True)
    )
    assert first["paging"]["total"] == len(titles) > 2
    assert [item["title"] for item in first["items"]] == titles[:2]
    assert first["items"][0]["summary"]
    assert first["paging"]["previous"] is None
    assert "page=2" in first["paging"]["next"]
    second = call(client, "get", first["paging"]["next"], user).json()
    assert [item["title"] for item in second["items"]] == titles[2:4]
    assert "page=1" in second["paging"]["previous"]


def test_path_and_date_range(client, demo_site):
    user = editor()
    service = ServicePage.objects.get(slug="toekomstcoach")
    index = service.get_parent()
    below = search(client, user, f"path={index.pk}&per_page=100")
    assert service.pk in {item["id"] for item in below["items"]}
    assert index.pk not in {item["id"] for item in below["items"]}
    tomorrow = (timezone.now() + timezone.timedelta(days=1)).date()
    none = search(client, user, f"path={index.pk}&published_after={tomorrow}")
    assert none["paging"]["total"] == 0 and none["items"] == []


def test_invalid_values_are_problems(client, demo_site):
    user = editor()
    assert_problem(call(client, "get", f"{SEARCH}?type=nope.Page", user), 400)
    assert_problem(call(client, "get", f"{SEARCH}?fields=password", user), 400)
    assert call(client, "get", f"{SEARCH}?sort=owner", user).status_code in (400, 422)
    assert_problem(call(client, "get", f"{SEARCH}?page=0", user), 400)
    assert_problem(call(client, "get", f"{SEARCH}?page=99", user), 400)
    assert_problem(call(client, "get", f"{SEARCH}?per_page=500", user), 400)
    assert_problem(call(client, "get", SEARCH), 401)
