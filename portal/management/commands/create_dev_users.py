import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from portal.editorial import EDITORS, MODERATORS

# Development only: the command refuses to run with DEBUG off unless told otherwise.
DEV_USERS = [
    ("admin", "mee-admin", None, True),
    ("redacteur", "mee-redactie", EDITORS, False),
    ("eindredacteur", "mee-eindredactie", MODERATORS, False),
    ("groningen", "mee-groningen", "Kantoor MEE Groningen", False),
]


class Command(BaseCommand):
    help = "Create the development admin and demo editors, and print their logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--local-production",
            action="store_true",
            help="Allow it with DEBUG off, for `make run-full` on a scratch database.",
        )

    def handle(self, *args, local_production=False, **options):
        if not settings.DEBUG and not local_production:
            raise CommandError("Development users are only made when DEBUG is on.")
        users = get_user_model()
        for username, password, group, superuser in DEV_USERS:
            user, _ = users.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org"}
            )
            user.is_superuser = user.is_staff = superuser
            user.set_password(password)
            user.save()
            if group:
                # The office team exists once the demo office does.
                user.groups.add(*Group.objects.filter(name=group))
        base = settings.WAGTAILADMIN_BASE_URL.replace(":8000", f":{self._port()}")
        self.stdout.write(self.style.SUCCESS(f"Admin: {base}/admin/"))
        for username, password, group, _ in DEV_USERS:
            role = group or "superuser"
            self.stdout.write(f"  {username} / {password}  ({role})")

    @staticmethod
    def _port():
        return os.environ.get("PORT", "8000")
