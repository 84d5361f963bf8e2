"""The navigation of the section a page is in (``@contextnavigation``)."""

import pytest

from services.models import ServicePage

from .api_helpers import assert_problem

pytestmark = pytest.mark.django_db


def test_the_section_tree_of_a_service(client, demo_site):
    service = ServicePage.objects.get(slug="toekomstcoach")
    index = service.get_parent()
    response = client.get(f"/api/v3/contextnavigation/{service.pk}/")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["locale"] == "nl"
    section = body["section"]
    assert section["id"] == index.pk and section["in_path"] and not section["current"]
    children = {child["id"]: child for child in section["children"]}
    assert children[service.pk]["current"] and children[service.pk]["in_path"]
    live_siblings = set(
        ServicePage.objects.child_of(index).live().public().values_list("pk", flat=True)
    )
    assert set(children) == live_siblings


def test_anonymous_callers_do_not_see_unpublished_pages(client, demo_site):
    service = ServicePage.objects.get(slug="toekomstcoach")
    sibling = (
        ServicePage.objects.child_of(service.get_parent())
        .exclude(pk=service.pk)
        .live()
        .first()
    )
    sibling.unpublish()
    body = client.get(f"/api/v3/contextnavigation/{service.pk}/").json()
    assert sibling.pk not in {c["id"] for c in body["section"]["children"]}
    assert_problem(client.get(f"/api/v3/contextnavigation/{sibling.pk}/"), 404)
    assert_problem(client.get(f"/api/v3/contextnavigation/{service.pk}/?depth=9"), 400)
