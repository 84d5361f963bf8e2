"""The moderation inbox: pages awaiting the user's review."""

import pytest

from services.models import ServicePage

from .editorial_helpers import call, editor, moderator

pytestmark = pytest.mark.django_db

INBOX = "/api/v3/editorial/inbox/"


def test_a_submitted_page_is_in_the_moderators_inbox_not_the_editors(client, demo_site):
    author, reviewer = editor(), moderator()
    service = ServicePage.objects.get(slug="toekomstcoach")
    assert call(client, "get", INBOX, reviewer).json() == []
    call(client, "post", f"/api/v3/moderation/pages/{service.pk}/submit/", author)

    items = call(client, "get", INBOX, reviewer).json()
    assert [item["page"]["id"] for item in items] == [service.pk]
    item = items[0]
    assert item["submitted_by"] == "redacteur"
    assert set(item["actions"]) >= {"approve", "reject"}
    assert item["moderation_url"] == f"/api/v3/moderation/pages/{service.pk}/"
    assert item["page"]["edit_api_url"] == f"/api/v3/pages/{service.pk}/"
    assert call(client, "get", INBOX, author).json() == []

    call(client, "post", f"/api/v3/moderation/pages/{service.pk}/approve/", reviewer)
    assert call(client, "get", INBOX, reviewer).json() == []
