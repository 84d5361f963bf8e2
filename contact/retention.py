"""How long closed contact requests are kept, and their removal."""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import ContactRequest, PurgedContactRequest


def months_before(moment, months):
    """``moment`` minus whole calendar months (31 March - 1 month = 28/29 Feb)."""
    return moment - relativedelta(months=months)


def purge_cutoff(now=None):
    """Requests closed before this moment have been kept long enough."""
    months = settings.PORTAL_CONTACT_RETENTION_MONTHS
    return months_before(now or timezone.now(), months)


def expired_requests(now=None):
    return ContactRequest.objects.filter(
        status=ContactRequest.Status.CLOSED, closed_at__lt=purge_cutoff(now)
    )


@transaction.atomic
def purge_expired_requests(now=None):
    """Delete expired requests, leaving one anonymous audit line each.

    Returns the audit lines written. The rows are locked first, so a request reopened
    while the purge runs is either purged before or kept after, never half of both.
    """
    expired = list(
        expired_requests(now)
        .select_for_update()
        .only("pk", "office_id", "created_at", "closed_at")
    )
    if not expired:
        return []
    audit = PurgedContactRequest.objects.bulk_create(
        PurgedContactRequest(
            office_id=request.office_id,
            received_on=_local_date(request.created_at),
            closed_on=_local_date(request.closed_at),
        )
        for request in expired
    )
    # Notes and admin log entries (ContactRequestLogEntry) go with the request.
    ContactRequest.objects.filter(pk__in=[request.pk for request in expired]).delete()
    return audit


def _local_date(moment):
    return timezone.localtime(moment).date()
