from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Portal building blocks")

    def ready(self):
        # Connects the receivers that replace the content version.
        from . import versions  # noqa: F401
