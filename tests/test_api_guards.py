"""Requests the schemathesis run answered with a server error, now a 4xx problem."""

import json

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from search.query import MAX_PAGE

from .api_helpers import assert_problem
from .editorial_helpers import bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser("super", "super@example.org", "x")


def post(client, url, user, data):
    return client.post(
        url, json.dumps(data), content_type="application/json", **bearer(user)
    )


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v3/navigation/?locale=%00", 400),
        ("/api/v3/resolve/?path=/nl/%00/", 400),
        ("/api/v3/search/?q=x&school_type=%00", 400),
        ("/api/v3/contact/route/?postcode=9711AB&locale=%00", 422),
        ("/api/v3/pages/?locale=%00", 422),
        ("/api/v3/pages/find/?html_path=/%00/", 422),
    ],
)
def test_a_nul_character_in_a_parameter_is_refused(client, demo_site, url, status):
    body = assert_problem(client.get(url), status)
    assert body["errors"][0]["type"] == "string_nul"


def test_an_offset_beyond_the_database_is_refused(client, demo_site):
    body = assert_problem(client.get(f"/api/v3/images/?offset={2**63}"), 422)
    assert body["errors"][0]["loc"] == ["query", "offset"]
    assert client.get(f"/api/v3/images/?offset={2**63 - 1}").status_code == 200


def test_search_pages_stop_at_the_engines_result_window(client, search_engine):
    url = "/api/v3/search/?q=toekomstcoach"
    # Asked of the engine, a page past the last is a problem, not a server error.
    last = client.get(url).json()["paging"]["num_pages"]
    assert client.get(f"{url}&page={last}").json()["fallback_used"] is False
    assert_problem(client.get(f"{url}&page={MAX_PAGE}"), 400)
    assert_problem(client.get(f"{url}&page={MAX_PAGE + 1}"), 400)
    # The search page itself shows its last page.
    response = client.get(f"/nl/search/?q=toekomstcoach&page={10**20}")
    assert response.status_code == 200


def test_a_page_body_must_be_a_json_object(client, demo_site, superuser):
    assert_problem(post(client, "/api/v3/pages/", superuser, [None, None]), 400)


def test_a_page_update_needs_a_numeric_page_id(client, demo_site, superuser):
    response = client.patch(
        "/api/v3/pages/abc/",
        json.dumps({"title": "x"}),
        content_type="application/json",
        **bearer(superuser),
    )
    body = assert_problem(response, 422)
    assert body["errors"][0]["loc"] == ["path", "page_id"]


@pytest.mark.parametrize("action", ["copy", "create_alias"])
def test_the_root_page_is_not_copied(client, demo_site, superuser, action):
    root = Page.get_first_root_node()
    url = f"/api/v3/pages/{root.pk}/actions/{action}/"
    # Wagtail's own answer comes first to callers it does not let in.
    assert_problem(client.post(url, "{}", content_type="application/json"), 401)
    assert_problem(post(client, url, superuser, {}), 422)
    assert Page.objects.filter(depth=1).count() == 1


def test_no_page_moves_beside_the_root(client, demo_site, superuser):
    root = Page.get_first_root_node()
    url = f"/api/v3/pages/{demo_site.pk}/actions/move/"
    data = {"destination_id": root.pk, "position": "last-sibling"}
    assert_problem(post(client, url, superuser, data), 422)
    demo_site.refresh_from_db()
    assert demo_site.depth == 2
