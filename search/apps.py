from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = _("Search")

    def ready(self):
        from wagtail.contrib.search_promotions.models import SearchPromotion

        from core.versions import track
        from search.signals import register_signal_handlers

        register_signal_handlers()
        # Searches keep their promotions per content version (search.query).
        track(SearchPromotion)
