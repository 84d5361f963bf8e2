"""Moderation through the API: the Redactie submits, the Eindredactie approves.

The endpoints run Wagtail's own workflow ("Eindredactie", on the whole tree), so what
they do shows in the admin as if it had been done there.
"""

import json

import pytest
from bs4 import BeautifulSoup
from wagtail.models import TaskState, WorkflowPage, WorkflowState

from offices.models import RegionalOfficePage
from portal.editorial import MODERATORS, WORKFLOW_NAME
from services.models import ServiceIndexPage, ServicePage

from .contact_helpers import team_member
from .editorial_helpers import bearer, call, editor, moderator

pytestmark = pytest.mark.django_db

TASK = f"{MODERATORS}: goedkeuren en publiceren"
# The portal's own messages are checked in English, their msgid.
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def url(page, action=""):
    return f"/api/v3/moderation/pages/{page.pk}/{action + '/' if action else ''}"


@pytest.fixture
def service(demo_site):
    return ServicePage.objects.get(slug="toekomstcoach")


@pytest.fixture
def author():
    return editor()


@pytest.fixture
def reviewer():
    return moderator()


def draft(client, user, page, title):
    response = call(
        client,
        "patch",
        f"/api/v3/pages/{page.pk}/",
        user,
        {"meta": {"type": "services.ServicePage"}, "title": title},
    )
    assert response.status_code == 200, response.content


@pytest.fixture
def submitted(client, service, author):
    """The service with a new draft title, submitted for moderation by its editor."""
    draft(client, author, service, "Toekomstcoach 2.0")
    response = call(client, "post", url(service, "submit"), author)
    assert response.status_code == 200, response.content
    return service


def assert_problem(response, status, detail=None):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    if detail is not None:
        assert body["detail"] == detail
    return body


def test_submit_starts_the_eindredactie_workflow(client, service, author):
    draft(client, author, service, "Toekomstcoach 2.0")
    response = call(client, "post", url(service, "submit"), author)
    assert response.status_code == 200, response.content
    state = WorkflowState.objects.get(object_id=str(service.pk))
    service.refresh_from_db()
    assert response.json() == {
        "page_id": service.pk,
        "title": "Toekomstcoach 2.0",
        "workflow": WORKFLOW_NAME,
        "status": "in_progress",
        "status_label": "In behandeling",
        "current_task": {
            "id": state.current_task_state.pk,
            "task": TASK,
            "status": "in_progress",
            "status_label": "In behandeling",
            "comment": "",
        },
        "actions": [],
    }
    assert state.workflow.name == WORKFLOW_NAME
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == author
    assert state.current_task_state.revision == service.get_latest_revision()
    assert service.title == "Toekomstcoach", "still the published title"


def test_a_submitted_page_awaits_review_in_the_admin(client, submitted, reviewer):
    client.force_login(reviewer)
    dashboard = BeautifulSoup(client.get("/admin/").content, "html.parser")
    panel = dashboard.select_one("#awaiting-review-section, [id^=awaiting-review]")
    assert panel is not None
    assert "Toekomstcoach 2.0" in panel.get_text()


def test_each_user_sees_what_they_may_do(client, service, author, reviewer):
    before = call(client, "get", url(service), author).json()
    assert before["status"] is None and before["current_task"] is None
    assert before["workflow"] == WORKFLOW_NAME
    assert before["actions"] == ["submit"]
    call(client, "post", url(service, "submit"), author)
    assert call(client, "get", url(service), author).json()["actions"] == []
    as_reviewer = call(client, "get", url(service), reviewer).json()
    assert as_reviewer["status"] == "in_progress"
    assert as_reviewer["actions"] == ["reject", "approve"]


def test_submitting_twice_is_a_conflict(client, submitted, author):
    response = call(client, "post", url(submitted, "submit"), author, **EN)
    assert_problem(response, 409, "This page is already in moderation.")
    assert WorkflowState.objects.filter(object_id=str(submitted.pk)).count() == 1


def test_moderator_approves_and_the_page_is_published(client, submitted, reviewer):
    response = call(
        client, "post", url(submitted, "approve"), reviewer, {"comment": "Prima."}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "approved" and body["actions"] == ["submit"]
    assert body["current_task"]["status"] == "approved"
    assert body["current_task"]["comment"] == "Prima."
    state = WorkflowState.objects.get(object_id=str(submitted.pk))
    assert state.status == WorkflowState.STATUS_APPROVED
    assert state.current_task_state.finished_by == reviewer
    submitted.refresh_from_db()
    assert submitted.live and submitted.title == "Toekomstcoach 2.0"
    assert not submitted.has_unpublished_changes
    page = BeautifulSoup(client.get(submitted.url).content, "html.parser")
    assert page.h1.get_text(strip=True) == "Toekomstcoach 2.0"


def test_approving_needs_no_body(client, submitted, reviewer):
    response = client.generic("POST", url(submitted, "approve"), **bearer(reviewer))
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "approved"


def test_editor_may_not_approve(client, submitted, author):
    response = call(client, "post", url(submitted, "approve"), author, **EN)
    assert_problem(response, 403, "You may not approve this page.")
    state = WorkflowState.objects.get(object_id=str(submitted.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.status == TaskState.STATUS_IN_PROGRESS
    submitted.refresh_from_db()
    assert submitted.title == "Toekomstcoach"


def test_editor_may_not_request_changes(client, submitted, author):
    response = call(client, "post", url(submitted, "reject"), author)
    assert_problem(response, 403)
    state = WorkflowState.objects.get(object_id=str(submitted.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_changes_requested_then_the_editor_resubmits(
    client, submitted, author, reviewer
):
    response = call(
        client,
        "post",
        url(submitted, "reject"),
        reviewer,
        {"comment": "Graag een kortere titel."},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "needs_changes"
    assert body["current_task"]["status"] == "rejected"
    assert body["current_task"]["comment"] == "Graag een kortere titel."
    submitted.refresh_from_db()
    assert submitted.title == "Toekomstcoach", "nothing was published"

    # No longer locked: the editor can change the draft and submit it again.
    draft(client, author, submitted, "Toekomstcoach 3")
    response = call(client, "post", url(submitted, "submit"), author)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "in_progress"
    (state,) = WorkflowState.objects.filter(object_id=str(submitted.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS, "the same workflow"
    assert state.current_task_state.revision.content["title"] == "Toekomstcoach 3"


def test_approving_a_page_not_in_moderation_is_a_conflict(client, service, reviewer):
    response = call(client, "post", url(service, "approve"), reviewer, **EN)
    assert_problem(response, 409, "This page is not awaiting moderation.")
    assert not WorkflowState.objects.filter(object_id=str(service.pk)).exists()


def test_unknown_page_and_anonymous_requests(client, service, author):
    missing = ServicePage.objects.order_by("-pk").first().pk + 1000
    response = client.get(
        f"/api/v3/moderation/pages/{missing}/", **bearer(author), **EN
    )
    assert_problem(response, 404, "There is no page with this ID.")
    for action in ("", "submit", "approve", "reject"):
        method = "get" if not action else "post"
        assert_problem(call(client, method, url(service, action)), 401)
    assert not WorkflowState.objects.exists()


def test_a_user_who_cannot_edit_the_page_cannot_submit_it(client, service):
    office = RegionalOfficePage.objects.get(
        slug="mee-groningen", locale__language_code="nl"
    )
    member = team_member(office, "groningen")
    response = call(client, "post", url(service, "submit"), member, **EN)
    assert_problem(response, 403, "You may not submit this page for moderation.")
    assert_problem(call(client, "get", url(service), member), 403)
    assert not WorkflowState.objects.exists()
    # Its own office page it may submit.
    response = call(client, "post", url(office, "submit"), member)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "in_progress"


def test_a_locked_page_cannot_be_submitted(client, service, author, reviewer):
    service.locked, service.locked_by = True, reviewer
    service.save()
    response = call(client, "post", url(service, "submit"), author, **EN)
    assert_problem(response, 409, "This page is locked.")
    assert not WorkflowState.objects.exists()


def test_a_page_outside_any_workflow_cannot_be_submitted(client, service, author):
    WorkflowPage.objects.all().delete()
    response = call(client, "post", url(service, "submit"), author, **EN)
    assert_problem(response, 409, "No moderation workflow applies to this page.")


def test_a_page_without_revisions_gets_one_on_submission(client, demo_site, author):
    index = ServiceIndexPage.objects.get(locale__language_code="nl")
    page = index.add_child(
        instance=ServicePage(title="Zonder revisie", summary="Kort.", live=False)
    )
    assert page.get_latest_revision() is None
    response = call(client, "post", url(page, "submit"), author)
    assert response.status_code == 200, response.content
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.current_task_state.revision.content["title"] == "Zonder revisie"


def test_the_openapi_document_describes_moderation(client):
    document = client.get("/api/v3/openapi.json").json()
    paths = document["paths"]
    expected = {
        ("get", "/api/v3/moderation/pages/{page_id}/"): "moderation_detail",
        ("post", "/api/v3/moderation/pages/{page_id}/submit/"): "moderation_submit",
        ("post", "/api/v3/moderation/pages/{page_id}/approve/"): "moderation_approve",
        ("post", "/api/v3/moderation/pages/{page_id}/reject/"): "moderation_reject",
    }
    for (method, path), operation_id in expected.items():
        operation = paths[path][method]
        assert operation["operationId"] == operation_id
        assert operation["summary"]
        assert operation["security"] == [{"BearerTokenAuth": []}]
        responses = {"200", "401", "403", "404"} | (
            {"409"} if method == "post" else set()
        )
        assert responses <= set(operation["responses"])
        ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
        assert ok == {"$ref": "#/components/schemas/ModerationSchema"}
    reject = paths["/api/v3/moderation/pages/{page_id}/reject/"]["post"]
    body = reject["requestBody"]["content"]["application/json"]["schema"]
    assert "#/components/schemas/WorkflowActionIn" in json.dumps(body)
    schemas = document["components"]["schemas"]
    assert "comment" in schemas["WorkflowActionIn"]["properties"]
    assert document["components"]["securitySchemes"]["BearerTokenAuth"]["scheme"] == (
        "bearer"
    )
