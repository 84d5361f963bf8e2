"""A page's history (``@history``): edits, publishing and moderation."""

import pytest

from services.models import ServicePage

from .api_helpers import assert_problem
from .editorial_helpers import call, editor, moderator

pytestmark = pytest.mark.django_db


def test_history_shows_edits_moderation_with_comment_and_publishing(client, demo_site):
    author, reviewer = editor(), moderator()
    service = ServicePage.objects.get(slug="toekomstcoach")
    page = f"/api/v3/pages/{service.pk}/"
    moderation = f"/api/v3/moderation/pages/{service.pk}/"
    call(
        client,
        "patch",
        page,
        author,
        {"meta": {"type": "services.ServicePage"}, "title": "Nieuw"},
    )
    call(client, "post", f"{moderation}submit/", author)
    call(client, "post", f"{moderation}reject/", reviewer, {"comment": "Te kort."})
    call(client, "post", f"{moderation}submit/", author)
    call(client, "post", f"{moderation}approve/", reviewer, {})

    response = call(
        client, "get", f"/api/v3/editorial/pages/{service.pk}/history/", author
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["page"]["id"] == service.pk
    entries = body["entries"]
    actions = [entry["action"] for entry in entries]
    assert actions.index("wagtail.publish") < actions.index("wagtail.workflow.reject")
    assert actions.index("wagtail.workflow.reject") < actions.index("wagtail.edit")
    assert "wagtail.workflow.start" in actions
    rejected = next(e for e in entries if e["action"] == "wagtail.workflow.reject")
    assert rejected["comment"] == "Te kort."
    assert rejected["actor"] == "eindredacteur"
    assert rejected["task"]
    edit = next(e for e in entries if e["action"] == "wagtail.edit")
    assert edit["actor"] == "redacteur" and edit["revision_id"]
    assert body["paging"]["total"] == len(entries)


def test_history_needs_edit_permission(client, demo_site):
    service = ServicePage.objects.get(slug="toekomstcoach")
    url = f"/api/v3/editorial/pages/{service.pk}/history/"
    assert_problem(call(client, "get", url), 401)
    assert_problem(
        call(client, "get", "/api/v3/editorial/pages/999999/history/", editor()), 404
    )
