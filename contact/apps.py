from django.apps import AppConfig, apps
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


def _office_teams_backfill(sender, **kwargs):
    # post_migrate fires once per app; permissions of all apps exist only at the last.
    last = [config for config in apps.get_app_configs() if config.models_module][-1]
    if sender is not last:
        return
    from .teams import ensure_office_teams

    ensure_office_teams()


class ContactConfig(AppConfig):
    name = "contact"
    verbose_name = _("Regional offices and contact")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from .access import ContactRequestPermissionPolicy
        from .models import ContactRequest, OfficeTeam, RegionalOfficePage
        from .teams import office_saved, team_deleted

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
        post_migrate.connect(
            _office_teams_backfill, dispatch_uid="contact.office_teams_backfill"
        )
