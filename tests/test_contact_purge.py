"""purge_contact_requests: expired requests go, an anonymous audit line stays."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.log_actions import log

from contact.factories import ContactRequestFactory, ContactRequestNoteFactory
from contact.models import (
    ContactRequest,
    ContactRequestLogEntry,
    ContactRequestNote,
    PurgedContactRequest,
)
from contact.retention import months_before
from tests.contact_helpers import office

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def groningen(demo_site):
    return office("mee-groningen")


@pytest.fixture
def cutoff():
    return months_before(timezone.now(), 12)


@pytest.fixture
def requests(groningen, cutoff):
    closed = ContactRequest.Status.CLOSED
    return {
        "expired": ContactRequestFactory(
            office=groningen, status=closed, closed_at=cutoff - DAY
        ),
        "recent": ContactRequestFactory(
            office=groningen, status=closed, closed_at=cutoff + DAY
        ),
        "old_but_open": ContactRequestFactory(
            office=groningen, status=ContactRequest.Status.IN_PROGRESS
        ),
        "old_but_answered": ContactRequestFactory(
            office=groningen, status=ContactRequest.Status.ANSWERED
        ),
    }


def purge(*args):
    out = StringIO()
    call_command("purge_contact_requests", *args, stdout=out)
    return out.getvalue()


def test_months_before_keeps_to_the_calendar():
    moment = datetime.datetime(2024, 3, 31, 12, tzinfo=datetime.UTC)
    assert months_before(moment, 1) == datetime.datetime(
        2024, 2, 29, 12, tzinfo=datetime.UTC
    )
    assert months_before(moment, 12) == datetime.datetime(
        2023, 3, 31, 12, tzinfo=datetime.UTC
    )
    assert months_before(moment, 15).date() == datetime.date(2022, 12, 31)


def test_purge_removes_exactly_the_expired_requests(requests, groningen):
    expired = requests["expired"]
    ContactRequestNoteFactory(request=expired)
    ContactRequestNoteFactory(request=requests["recent"])
    # Open requests from long ago are never purged, whatever their age.
    ContactRequest.objects.filter(pk=requests["old_but_open"].pk).update(
        created_at=timezone.now() - datetime.timedelta(days=1000)
    )
    log(expired, "wagtail.edit")
    log(requests["recent"], "wagtail.edit")

    output = purge()

    assert set(ContactRequest.objects.values_list("reference", flat=True)) == {
        requests[name].reference
        for name in ("recent", "old_but_open", "old_but_answered")
    }
    assert not ContactRequestNote.objects.filter(request_id=expired.pk).exists()
    assert ContactRequestNote.objects.count() == 1
    assert list(ContactRequestLogEntry.objects.values_list("request", flat=True)) == [
        requests["recent"].pk
    ]

    line = PurgedContactRequest.objects.get()
    assert line.office == groningen
    assert line.received_on == timezone.localdate(expired.created_at)
    assert line.closed_on == timezone.localdate(expired.closed_at)
    assert "Purged 1 contact requests." in output
    assert "MEE Groningen: 1" in output

    # Running it again finds nothing more.
    assert "Purged 0 contact requests." in purge()
    assert PurgedContactRequest.objects.count() == 1


def test_dry_run_changes_nothing(requests):
    output = purge("--dry-run")
    assert "Would purge 1 contact requests (dry run)." in output
    assert "MEE Groningen: 1" in output
    assert ContactRequest.objects.count() == 4
    assert not PurgedContactRequest.objects.exists()


@override_settings(PORTAL_CONTACT_RETENTION_MONTHS=24)
def test_retention_follows_the_setting(requests):
    assert "Retention: 24 months" in purge()
    assert ContactRequest.objects.count() == 4


def test_audit_line_holds_nothing_personal():
    fields = {field.name for field in PurgedContactRequest._meta.get_fields()}
    assert fields == {"id", "office", "received_on", "closed_on", "purged_at"}


def test_closed_at_follows_the_status_on_every_save(groningen):
    request = ContactRequestFactory(office=groningen)
    assert request.closed_at is None
    request.status = ContactRequest.Status.CLOSED
    request.save(update_fields=["status"])
    request.refresh_from_db()
    assert request.closed_at is not None
    request.status = ContactRequest.Status.NEW
    request.save(update_fields=["status"])
    request.refresh_from_db()
    assert request.closed_at is None
