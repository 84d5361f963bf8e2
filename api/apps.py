from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    label = "portal_api"
    verbose_name = _("Headless API")

    def ready(self):
        # Connects the receivers that renew the content version of cached responses.
        from . import caching  # noqa: F401
