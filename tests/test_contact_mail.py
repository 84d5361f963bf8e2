"""Mail about a request goes through a real SMTP server and survives it being down."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from contact.mail import deliver, render_subject, send_pending
from contact.models import ContactRequest

from .conftest import CONTACT_URL as URL
from .contact_helpers import office as office_page

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


TRICKY_NAME = '\'t Hart & "Zonen" <ib>'


def test_plain_text_mail_is_not_html_escaped(client, valid_data, mailbox):
    office = office_page("mee-groningen")
    office.title = "MEE Groningen & <Drenthe>"
    office.save_revision().publish()
    valid_data["contact_name"] = TRICKY_NAME
    valid_data["question"] = 'Wat kan MEE doen? <b>Snel</b> & "graag"\nGroet'
    assert client.post(URL, valid_data).status_code == 302
    contact_request = ContactRequest.objects.get()
    assert contact_request.contact_name == TRICKY_NAME

    (confirmation,) = mailbox.to("ib@regenboog.example.org")
    body = confirmation["body"]
    assert f"Beste {TRICKY_NAME}," in body
    assert "gestuurd naar MEE Groningen & <Drenthe>, dat contact" in body
    assert f"Kenmerk: {contact_request.reference}" in body
    assert confirmation["subject"] == (
        f"We hebben uw aanvraag ontvangen ({contact_request.reference})"
    )
    (notification,) = mailbox.to("mee-groningen@example.org")
    assert "aanvraag gestuurd aan MEE Groningen & <Drenthe>." in notification["body"]
    for mail in (confirmation, notification):
        for escaped in ("&#x27;", "&quot;", "&amp;", "&lt;", "&gt;"):
            assert escaped not in mail["body"]
    # The question stays in the database, escaped or not.
    assert "Snel" not in body and "Snel" not in notification["body"]


def test_a_line_break_in_the_name_adds_no_header_or_recipient(
    client, valid_data, mailbox
):
    payload = {
        **valid_data,
        "consent": True,
        "contact_name": "Sanne\r\nBcc: spam@example.org\r\nSubject: gewonnen",
    }
    response = client.post(
        "/api/v3/contact/requests/", payload, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    reference = response.json()["reference"]
    assert sorted(address for mail in mailbox.messages for address in mail["to"]) == [
        "ib@regenboog.example.org",
        "mee-groningen@example.org",
    ]
    (confirmation,) = mailbox.to("ib@regenboog.example.org")
    assert confirmation["subject"] == f"We hebben uw aanvraag ontvangen ({reference})"
    assert (
        "Bcc" not in confirmation["headers"]
        and confirmation["headers"].count("Subject:") == 1
    )
    body = confirmation["body"].replace("\r\n", "\n")
    assert "Beste Sanne\nBcc: spam@example.org\nSubject: gewonnen," in body


def test_a_subject_is_always_one_line():
    contact_request = SimpleNamespace(reference="AB12\r\nBcc: spam@example.org\n")
    for template in ("school_subject.txt", "office_subject.txt"):
        subject = render_subject(
            f"contact/mail/{template}", {"request": contact_request}
        )
        assert "\n" not in subject and "\r" not in subject
        assert "AB12 Bcc: spam@example.org" in subject


def test_a_post_stores_the_request_and_leaves_the_mail_to_the_worker(
    client, valid_data, mailbox, settings
):
    """With production's task queue the answer waits for nothing but the stored
    request: the mail is queued, sent by the worker afterwards."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with CaptureQueriesContext(connection) as queries:
        response = client.post(URL, valid_data)
    assert response.status_code == 302
    contact_request = ContactRequest.objects.get()
    assert contact_request.mail_pending and not mailbox.messages
    # The form's choices are checked one by one, not read whole.
    whole_list = [
        q["sql"]
        for q in queries.captured_queries
        if 'FROM "offices_municipality"' in q["sql"] and " WHERE " not in q["sql"]
    ]
    assert whole_list == []
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "contact.mail.deliver_contact_mail"
    assert queued.args_kwargs["args"] == [contact_request.pk]
    queued.task.call(*queued.args_kwargs["args"])
    assert len(mailbox.to("mee-groningen@example.org")) == 1
    contact_request.refresh_from_db()
    assert not contact_request.mail_pending
