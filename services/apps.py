from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Measures and services")

    def ready(self):
        from core.versions import track

        from .models import Taxonomy

        track(Taxonomy)
