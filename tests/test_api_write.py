"""Wagtail's API v3 write endpoints with the portal's groups and moderation workflow.

The Redactie writes drafts and cannot publish; the Eindredactie publishes; the
permissions are Wagtail's page permissions of the token's user.
"""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageLogEntry

from offices.models import RegionalOfficePage
from services.models import ServiceIndexPage, ServicePage

from .contact_helpers import team_member
from .editorial_helpers import call, editor, moderator

pytestmark = pytest.mark.django_db

PAGES = "/api/v3/pages/"
SERVICE = "services.ServicePage"


@pytest.fixture
def service(demo_site):
    return ServicePage.objects.get(slug="toekomstcoach")


def public_title(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True)


def draft(client, user, page, **changes):
    return call(
        client,
        "patch",
        f"{PAGES}{page.pk}/",
        user,
        {"meta": {"type": SERVICE}, **changes},
    )


def publish(client, user, page):
    return call(client, "post", f"{PAGES}{page.pk}/actions/publish/", user)


def assert_problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    return body


def test_editor_creates_a_draft_service_page(client, demo_site):
    user = editor()
    index = ServiceIndexPage.objects.get(locale__language_code="nl")
    response = call(
        client,
        "post",
        PAGES,
        user,
        {
            "meta": {"parent_id": index.pk, "type": SERVICE},
            "title": "Huiswerkklas",
            "summary": "Begeleiding bij het huiswerk.",
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["title"] == "Huiswerkklas"
    page = ServicePage.objects.get(pk=response.json()["id"])
    assert page.get_parent().pk == index.pk
    assert page.slug == "huiswerkklas"
    assert not page.live and page.live_revision is None
    assert page.owner == user and page.get_latest_revision().user == user
    assert client.get("/nl/diensten/huiswerkklas/").status_code == 404


def test_editor_saves_a_draft_of_a_live_page(client, service):
    response = draft(client, editor(), service, title="Toekomstcoach 2.0")
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Toekomstcoach 2.0"
    service.refresh_from_db()
    assert service.live and service.has_unpublished_changes
    assert service.get_latest_revision().content["title"] == "Toekomstcoach 2.0"
    assert public_title(client, service) == "Toekomstcoach"


def test_editor_is_refused_wagtails_publish_action(client, service):
    user = editor()
    draft(client, user, service, title="Toekomstcoach 2.0")
    body = assert_problem(publish(client, user, service), 403)
    assert body["title"] == "Forbidden"
    service.refresh_from_db()
    assert service.title == "Toekomstcoach" and service.has_unpublished_changes
    assert not PageLogEntry.objects.filter(
        page=service, action="wagtail.publish", user=user
    ).exists()
    assert public_title(client, service) == "Toekomstcoach"


def test_editor_is_refused_publishing_through_update(client, service):
    revisions = service.revisions.count()
    response = draft(
        client,
        editor(),
        service,
        meta={"type": SERVICE, "action": "publish"},
        title="Toekomstcoach 2.0",
    )
    body = assert_problem(response, 403)
    assert body["detail"] == "You do not have permission to publish this page."
    service.refresh_from_db()
    assert service.title == "Toekomstcoach"
    assert service.revisions.count() == revisions, "refused before anything is saved"


def test_editor_is_refused_creating_a_published_page(client, demo_site):
    index = ServiceIndexPage.objects.get(locale__language_code="nl")
    response = call(
        client,
        "post",
        PAGES,
        editor(),
        {
            "meta": {"parent_id": index.pk, "type": SERVICE, "action": "publish"},
            "title": "Huiswerkklas",
            "summary": "Begeleiding bij het huiswerk.",
        },
    )
    assert_problem(response, 403)
    assert not ServicePage.objects.filter(slug="huiswerkklas").exists()


def test_editor_cannot_unpublish_or_delete_a_live_page(client, service):
    user = editor()
    unpublish = call(
        client, "post", f"{PAGES}{service.pk}/actions/unpublish/", user, {}
    )
    assert_problem(unpublish, 403)
    assert_problem(call(client, "delete", f"{PAGES}{service.pk}/", user), 403)
    service.refresh_from_db()
    assert service.live
    assert public_title(client, service) == "Toekomstcoach"


def test_moderator_publishes_the_editors_draft(client, service):
    author, publisher = editor(), moderator()
    draft(client, author, service, title="Toekomstcoach 2.0")
    response = publish(client, publisher, service)
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Toekomstcoach 2.0"
    service.refresh_from_db()
    assert service.live and not service.has_unpublished_changes
    assert service.live_revision.user == author
    assert PageLogEntry.objects.filter(
        page=service, action="wagtail.publish", user=publisher
    ).exists()
    assert public_title(client, service) == "Toekomstcoach 2.0"


def test_moderator_publishes_through_update(client, service):
    response = draft(
        client,
        moderator(),
        service,
        meta={"type": SERVICE, "action": "publish"},
        title="Toekomstcoach 2.0",
    )
    assert response.status_code == 200, response.content
    assert public_title(client, service) == "Toekomstcoach 2.0"


def test_anonymous_writes_are_refused(client, service):
    index = ServiceIndexPage.objects.get(locale__language_code="nl")
    create = call(
        client,
        "post",
        PAGES,
        data={"meta": {"parent_id": index.pk, "type": SERVICE}, "title": "X"},
    )
    assert_problem(create, 401)
    assert_problem(draft(client, None, service, title="X"), 401)
    assert_problem(publish(client, None, service), 401)
    wrong_token = call(
        client,
        "post",
        f"{PAGES}{service.pk}/actions/publish/",
        HTTP_AUTHORIZATION="Bearer not-a-token",
    )
    assert_problem(wrong_token, 401)
    service.refresh_from_db()
    assert service.title == "Toekomstcoach" and not service.has_unpublished_changes
    assert not ServicePage.objects.filter(title="X").exists()


def test_a_session_is_not_enough_to_write(client, service):
    """v3 authenticates by token only: a logged-in admin session cannot write."""
    client.force_login(moderator())
    assert_problem(publish(client, None, service), 401)
    assert_problem(draft(client, None, service, title="X"), 401)


def test_an_office_team_edits_its_own_office_page_only(client, service):
    office = RegionalOfficePage.objects.get(
        slug="mee-groningen", locale__language_code="nl"
    )
    member = team_member(office, "groningen")
    response = call(
        client,
        "patch",
        f"{PAGES}{office.pk}/",
        member,
        {"meta": {"type": "offices.RegionalOfficePage"}, "title": "MEE Groningen 2"},
    )
    assert response.status_code == 200, response.content
    office.refresh_from_db()
    assert office.get_latest_revision().content["title"] == "MEE Groningen 2"
    assert_problem(draft(client, member, service, title="Elders"), 403)
    assert_problem(publish(client, member, office), 403)
    service.refresh_from_db()
    assert service.get_latest_revision().content["title"] == "Toekomstcoach"


def test_editor_reverts_a_draft_outside_moderation(client, service):
    user = editor()
    draft(client, user, service, title="Toekomstcoach 2.0")
    response = call(
        client,
        "post",
        f"{PAGES}{service.pk}/actions/revert/",
        user,
        {"revision_id": service.live_revision_id},
    )
    assert response.status_code == 200, response.content
    service.refresh_from_db()
    assert service.get_latest_revision().content["title"] == "Toekomstcoach"


def test_editor_cannot_swap_the_draft_under_review_by_reverting(client, service):
    """Wagtail's revert action ignores the workflow lock; the portal's does not.

    Otherwise an editor could put any earlier, never reviewed revision in place of
    the submitted one, and approving the task would publish it.
    """
    author, reviewer = editor(), moderator()
    draft(client, author, service, title="Toekomstcoach 2.0")
    service.refresh_from_db()
    submitted = service.get_latest_revision()
    assert submitted.content["title"] == "Toekomstcoach 2.0"
    service.get_workflow().start(service, author)
    response = call(
        client,
        "post",
        f"{PAGES}{service.pk}/actions/revert/",
        author,
        {"revision_id": service.live_revision_id},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    body = assert_problem(response, 403)
    assert body["detail"] == "This page is locked, so it cannot be reverted."
    service.refresh_from_db()
    assert service.get_latest_revision() == submitted

    # A reviewer is not locked out, so may still revert.
    response = call(
        client,
        "post",
        f"{PAGES}{service.pk}/actions/revert/",
        reviewer,
        {"revision_id": service.live_revision_id},
    )
    assert response.status_code == 200, response.content
    service.refresh_from_db()
    assert service.get_latest_revision().content["title"] == "Toekomstcoach"
