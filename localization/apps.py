from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocalizationConfig(AppConfig):
    name = "localization"
    verbose_name = _("Translations")

    def ready(self):
        from . import dates, moderation

        moderation.connect()
        dates.connect()
