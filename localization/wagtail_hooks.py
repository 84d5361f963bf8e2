from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.reports import PageReportMenuItem, report_urls

from . import review
from .reports import TranslationReportView
from .rich_text import LocalizedPageLinkHandler


@hooks.register("register_admin_urls", order=-1)
def register_reviewed_translation_urls():
    """The portal's views in place of wagtail-localize's publishing ones.

    Registered first (``order=-1``) so that these paths resolve here, while
    ``reverse("wagtail_localize:...")`` still names the same addresses.
    """
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            review.ReviewedUpdateTranslationsView.as_view(),
            name="localization_update_translations",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            review.convert_to_alias,
            name="localization_convert_to_alias",
        ),
        path(
            "localize/translate/<int:translation_id>/review/",
            review.submit_translation,
            name="localization_submit_translation",
        ),
    ]


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
