from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class OfficesConfig(AppConfig):
    name = "offices"
    verbose_name = _("Regional offices")

    def ready(self):
        from core.post_migrate import after_migrate
        from core.versions import track

        from .models import Municipality, OfficeTeam, RegionalOfficePage
        from .teams import ensure_office_teams, office_saved, team_deleted

        post_save.connect(
            office_saved, sender=RegionalOfficePage, dispatch_uid="offices.office_team"
        )
        post_delete.connect(
            team_deleted, sender=OfficeTeam, dispatch_uid="offices.office_team_group"
        )
        after_migrate(ensure_office_teams, "offices.office_teams_backfill")
        track(Municipality)
