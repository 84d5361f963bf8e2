"""Mail about a request goes through a real SMTP server and survives it being down."""

from datetime import timedelta

import pytest
from django.utils import timezone

from contact.mail import deliver, send_pending
from contact.models import ContactRequest

from .conftest import CONTACT_URL as URL

pytestmark = pytest.mark.django_db


def test_office_and_school_are_mailed(client, valid_data, mailbox):
    client.post(URL, valid_data)
    contact_request = ContactRequest.objects.get()
    assert contact_request.office_notified_at and contact_request.school_confirmed_at
    (office_mail,) = mailbox.to("mee-groningen@example.org")
    assert contact_request.reference in office_mail["subject"]
    assert "/admin/" in office_mail["body"]
    # The question and the school's details stay in the database.
    assert valid_data["question"] not in office_mail["body"]
    assert valid_data["school_name"] not in office_mail["body"]
    (confirmation,) = mailbox.to("ib@regenboog.example.org")
    assert "MEE Groningen" in confirmation["body"]
    assert valid_data["question"] not in confirmation["body"]


def test_request_survives_smtp_down_and_is_delivered_later(
    client,
    valid_data,
    mailbox,
    smtp_server,
):
    smtp_server.stop()
    response = client.post(URL, valid_data)
    assert response.status_code == 302, "the school is thanked although mail is down"
    contact_request = ContactRequest.objects.get()
    assert contact_request.office_notified_at is None
    assert contact_request.mail_attempts == 1
    assert contact_request.last_mail_error
    assert contact_request.next_mail_attempt_at > timezone.now()

    # Not yet due: nothing is tried.
    assert send_pending() == (0, 0)

    smtp_server.start()
    later = contact_request.next_mail_attempt_at + timedelta(seconds=1)
    assert send_pending(now=later) == (1, 1)
    contact_request.refresh_from_db()
    assert contact_request.office_notified_at and contact_request.school_confirmed_at
    assert contact_request.last_mail_error == ""
    assert len(mailbox.to("mee-groningen@example.org")) == 1
    assert len(mailbox.to("ib@regenboog.example.org")) == 1


def test_backoff_grows_while_smtp_stays_down(client, valid_data, mailbox, smtp_server):
    smtp_server.stop()
    client.post(URL, valid_data)
    contact_request = ContactRequest.objects.get()
    gaps = []
    for _ in range(3):
        before = timezone.now()
        deliver(contact_request.pk)
        contact_request.refresh_from_db()
        gaps.append(contact_request.next_mail_attempt_at - before)
    assert contact_request.mail_attempts == 4
    assert gaps[0] < gaps[1] < gaps[2]


def test_delivery_is_not_repeated(client, valid_data, mailbox):
    client.post(URL, valid_data)
    contact_request = ContactRequest.objects.get()
    assert deliver(contact_request.pk) is True
    assert send_pending(now=timezone.now() + timedelta(days=1)) == (0, 0)
    assert len(mailbox.messages) == 2
