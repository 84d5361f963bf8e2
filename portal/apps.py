from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from core.post_migrate import after_migrate

        from .editorial import ensure_editorial_setup

        after_migrate(ensure_editorial_setup, "portal.editorial_setup")
