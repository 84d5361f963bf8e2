from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .reports import TranslationReportView


@hooks.register("register_admin_urls")
def register_translation_report_urls():
    return [
        path(
            "reports/translations/",
            TranslationReportView.as_view(),
            name="localization_report",
        ),
        path(
            "reports/translations/results/",
            TranslationReportView.as_view(results_only=True),
            name="localization_report_results",
        ),
    ]


class TranslationReportMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(
            request.user, TranslationReportView.any_permission_required
        )


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return TranslationReportMenuItem(
        _("Translations"),
        reverse("localization_report"),
        icon_name="wagtail-localize-language",
        order=710,
    )
