"""Moderation: the Redactie writes and submits; the Eindredactie approves, publishes."""

import pytest
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from portal.editorial import MODERATORS
from services.models import ServicePage

from .editorial_helpers import editor as editor_user
from .editorial_helpers import moderator as moderator_user
from .editorial_helpers import service_edit_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return editor_user()


@pytest.fixture
def moderator():
    return moderator_user()


@pytest.fixture
def service(demo_site):
    return ServicePage.objects.get(slug="toekomstcoach")


def test_permissions_follow_the_groups(service, editor, moderator):
    assert not service.permissions_for_user(editor).can_publish()
    assert service.permissions_for_user(editor).can_edit()
    assert service.permissions_for_user(moderator).can_publish()


def test_editor_cannot_publish_through_the_admin(client, service, editor):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[service.pk])
    response = client.post(
        url,
        service_edit_data(
            service, title="Toekomstcoach NIEUW", **{"action-publish": "1"}
        ),
    )
    assert response.status_code in (302, 403)
    service.refresh_from_db()
    assert service.title == "Toekomstcoach"
    assert service.live_revision.content["title"] == "Toekomstcoach"


def test_editor_submits_and_moderator_publishes(client, service, editor, moderator):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[service.pk])
    response = client.post(
        url,
        service_edit_data(service, title="Toekomstcoach 2.0", **{"action-submit": "1"}),
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.title == "Toekomstcoach"  # still the published title
    state = service.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name.startswith(MODERATORS)

    client.force_login(moderator)
    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[service.pk, "approve", state.current_task_state.pk],
    )
    response = client.post(approve, {"comment": ""})
    assert response.status_code in (200, 302)
    service.refresh_from_db()
    assert service.title == "Toekomstcoach 2.0"
    assert service.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_moderation_workflow_covers_the_whole_tree(demo_site):
    for page in Page.objects.filter(depth__gt=1):
        workflow = page.get_workflow()
        assert workflow is not None and workflow.name == "Eindredactie", page
