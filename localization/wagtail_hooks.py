from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.reports import PageReportMenuItem, report_urls

from .reports import TranslationReportView
from .rich_text import LocalizedPageLinkHandler


@hooks.register("register_admin_urls")
def register_translation_report_urls():
    return report_urls(
        "reports/translations/", TranslationReportView, "localization_report"
    )


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return PageReportMenuItem(
        TranslationReportView,
        _("Translations"),
        reverse("localization_report"),
        name="translations",
        icon_name="wagtail-localize-language",
        order=1150,
    )


# After Wagtail's own registration (order 0), which this replaces.
@hooks.register("register_rich_text_features", order=1)
def register_localized_page_links(features):
    features.register_link_type(LocalizedPageLinkHandler)
