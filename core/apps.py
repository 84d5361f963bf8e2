from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Portal building blocks")

    def ready(self):
        # Connect the receivers that replace the content version and purge the
        # pages a change shows on.
        from . import purging, versions  # noqa: F401
