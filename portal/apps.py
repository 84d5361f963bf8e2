from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _editorial_setup(sender, **kwargs):
    # post_migrate fires once per app; permissions of all apps exist only at the last.
    last = [config for config in apps.get_app_configs() if config.models_module][-1]
    if sender is not last:
        return
    from .editorial import ensure_editorial_setup

    ensure_editorial_setup()


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        post_migrate.connect(_editorial_setup, dispatch_uid="portal.editorial_setup")
