"""Mail about contact requests: the office's notification and the school's confirmation.

A request is committed before any mail is tried. Delivery runs in the background
(django-tasks); a failed send is recorded on the request and tried again with
backoff, by a deferred task where the task backend supports it and by
``send_pending_mail`` (cron) in any case, so nothing is dropped.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template import Context
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from .models import ContactRequest

logger = logging.getLogger(__name__)

# Minutes to wait after the 1st, 2nd, ... failure; the last one repeats for ever.
BACKOFF_MINUTES = [1, 5, 15, 60, 240]


def backoff(attempts):
    return timedelta(minutes=BACKOFF_MINUTES[min(attempts, len(BACKOFF_MINUTES)) - 1])


def render_text(template_name, context):
    """A plain-text mail template, rendered without HTML escaping.

    Autoescaping is for HTML: in a text mail it would turn 't Hart into &#x27;t Hart.
    """
    template = get_template(template_name).template
    return template.render(Context(context, autoescape=False))


def render_subject(template_name, context):
    """A subject is one header line: line breaks in it would start new headers."""
    return " ".join(render_text(template_name, context).split())


def admin_url(contact_request):
    path = reverse("contact_requests:edit", args=[contact_request.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _office_mail(contact_request):
    office = contact_request.office
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "request": contact_request,
            "office": office,
            "url": admin_url(contact_request),
        }
        subject = render_subject("contact/mail/office_subject.txt", context)
        body = render_text("contact/mail/office_notification.txt", context)
    send_mail(
        subject, body, settings.DEFAULT_FROM_EMAIL, [office.email], fail_silently=False
    )


def _school_mail(contact_request):
    with translation.override(contact_request.language):
        # Page.localized: the office page in the school's language, where there is one.
        context = {
            "request": contact_request,
            "office": contact_request.office.localized,
        }
        subject = render_subject("contact/mail/school_subject.txt", context)
        body = render_text("contact/mail/school_confirmation.txt", context)
    send_mail(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [contact_request.email],
        fail_silently=False,
    )


def deliver(request_id):
    """Sends the request's mail that is still due; True when none is left."""
    with transaction.atomic():
        contact_request = (
            ContactRequest.objects.select_for_update(skip_locked=True)
            .select_related("office")
            .filter(pk=request_id)
            .first()
        )
        if contact_request is None:
            return False  # purged, or being delivered by another worker right now
        try:
            if contact_request.office_notified_at is None:
                _office_mail(contact_request)
                contact_request.office_notified_at = timezone.now()
            if contact_request.school_confirmed_at is None:
                _school_mail(contact_request)
                contact_request.school_confirmed_at = timezone.now()
        except Exception as error:  # any failure is recorded and retried, never lost
            contact_request.mail_attempts += 1
            contact_request.next_mail_attempt_at = timezone.now() + backoff(
                contact_request.mail_attempts
            )
            contact_request.last_mail_error = f"{type(error).__name__}: {error}"[:500]
            logger.warning(
                "Mail for contact request %s failed (attempt %s): %s",
                contact_request.reference,
                contact_request.mail_attempts,
                contact_request.last_mail_error,
            )
        else:
            contact_request.next_mail_attempt_at = None
            contact_request.last_mail_error = ""
        contact_request.save(
            update_fields=[
                "office_notified_at",
                "school_confirmed_at",
                "mail_attempts",
                "next_mail_attempt_at",
                "last_mail_error",
            ]
        )
    if contact_request.mail_pending:
        schedule_retry(contact_request)
    return not contact_request.mail_pending


@task()
def deliver_contact_mail(request_id):
    deliver(request_id)


def schedule_retry(contact_request):
    backend = deliver_contact_mail.get_backend()
    if backend.supports_defer:
        deliver_contact_mail.using(
            run_after=contact_request.next_mail_attempt_at
        ).enqueue(contact_request.pk)


def enqueue_delivery(contact_request):
    try:
        deliver_contact_mail.enqueue(contact_request.pk)
    except Exception:
        # The request is already committed; send_pending_mail picks it up later.
        logger.exception("Could not queue mail for %s", contact_request.reference)


def send_pending(now=None):
    """Tries every request whose mail is due; returns (tried, delivered)."""
    now = now or timezone.now()
    due = ContactRequest.objects.filter(
        Q(office_notified_at__isnull=True) | Q(school_confirmed_at__isnull=True),
        Q(next_mail_attempt_at__isnull=True) | Q(next_mail_attempt_at__lte=now),
    ).order_by("created_at")
    tried = delivered = 0
    for pk in due.values_list("pk", flat=True):
        tried += 1
        delivered += deliver(pk)
    return tried, delivered
