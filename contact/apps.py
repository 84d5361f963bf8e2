from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ContactConfig(AppConfig):
    name = "contact"
    verbose_name = _("Regional offices and contact")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from core.post_migrate import after_migrate

        from .access import ContactRequestPermissionPolicy
        from .models import ContactRequest, OfficeTeam, RegionalOfficePage
        from .teams import ensure_office_teams, office_saved, team_deleted

        # Before the admin asks for it, or Wagtail makes a plain model policy instead.
        register_permission_policy(
            ContactRequest, ContactRequestPermissionPolicy(ContactRequest)
        )

        post_save.connect(
            office_saved, sender=RegionalOfficePage, dispatch_uid="contact.office_team"
        )
        post_delete.connect(
            team_deleted, sender=OfficeTeam, dispatch_uid="contact.office_team_group"
        )
        after_migrate(ensure_office_teams, "contact.office_teams_backfill")
