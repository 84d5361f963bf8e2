"""Page locks (``@lock``): an editor locks a page against other editors' writes."""

import pytest

from services.models import ServicePage

from .api_helpers import assert_problem
from .editorial_helpers import call, editor, moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(demo_site):
    return ServicePage.objects.get(slug="toekomstcoach")


def lock_url(page):
    return f"/api/v3/editorial/pages/{page.pk}/lock/"


def patch(client, user, page, title):
    return call(
        client,
        "patch",
        f"/api/v3/pages/{page.pk}/",
        user,
        {"meta": {"type": "services.ServicePage"}, "title": title},
        HTTP_ACCEPT_LANGUAGE="nl",
    )


def test_a_locked_page_refuses_another_editors_write(client, service):
    locker, other = moderator(), editor()
    response = call(client, "post", lock_url(service), locker)
    assert response.status_code == 200, response.content
    assert response.json()["locked"] and response.json()["locked_by_you"]

    body = assert_problem(patch(client, other, service, "Niet van mij"), 423)
    assert body["detail"] == "Deze pagina is vergrendeld door eindredacteur."
    assert body["locked"] is True
    service.refresh_from_db()
    assert service.get_latest_revision().content["title"] == "Toekomstcoach"
    # The editor who locked it may still write.
    assert patch(client, locker, service, "Wel van mij").status_code == 200

    state = call(client, "get", lock_url(service), other).json()
    assert state["locked_by"] == "eindredacteur" and not state["can_unlock"]
    assert_problem(call(client, "delete", lock_url(service), other), 403)
    assert_problem(call(client, "post", lock_url(service), locker), 409)

    unlocked = call(client, "delete", lock_url(service), locker)
    assert unlocked.status_code == 200 and not unlocked.json()["locked"]
    assert patch(client, other, service, "Nu wel").status_code == 200


def test_an_editor_without_the_lock_permission_cannot_lock(client, service):
    assert_problem(call(client, "post", lock_url(service), editor()), 403)
    service.refresh_from_db()
    assert not service.locked
