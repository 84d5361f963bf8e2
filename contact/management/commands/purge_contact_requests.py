"""Run daily, for example from cron (after the nightly backup has finished)::

    30 3 * * * cd /srv/portal && DJANGO_SETTINGS_MODULE=portal.settings.production \
        .venv/bin/python manage.py purge_contact_requests >> /var/log/portal/purge.log

Backups keep what was purged for as long as they are kept; their rotation must not
outlive the retention period by much.
"""

from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from contact.retention import expired_requests, purge_cutoff, purge_expired_requests
from offices.models import RegionalOfficePage


class Command(BaseCommand):
    help = (
        "Delete contact requests closed longer ago than "
        "PORTAL_CONTACT_RETENTION_MONTHS, keeping an anonymous audit line for each."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would be deleted without deleting anything.",
        )

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        cutoff = timezone.localtime(purge_cutoff(now))
        self.stdout.write(
            f"Retention: {settings.PORTAL_CONTACT_RETENTION_MONTHS} months after "
            f"closing; cut-off {cutoff:%Y-%m-%d %H:%M}."
        )
        if dry_run:
            per_office = Counter(
                expired_requests(now).values_list("office_id", flat=True)
            )
        else:
            per_office = Counter(line.office_id for line in purge_expired_requests(now))
        titles = dict(
            RegionalOfficePage.objects.filter(pk__in=per_office).values_list(
                "pk", "title"
            )
        )
        for office_id, count in sorted(
            per_office.items(), key=lambda item: titles.get(item[0], "")
        ):
            self.stdout.write(f"  {titles.get(office_id, office_id)}: {count}")
        total = sum(per_office.values())
        if dry_run:
            self.stdout.write(f"Would purge {total} contact requests (dry run).")
        else:
            self.stdout.write(self.style.SUCCESS(f"Purged {total} contact requests."))
