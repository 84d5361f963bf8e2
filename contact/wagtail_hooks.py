from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .inbox import ContactRequestViewSet
from .reports import CoverageReportView


@hooks.register("register_admin_viewset")
def register_contact_request_viewset():
    return ContactRequestViewSet()


@hooks.register("register_admin_urls")
def register_coverage_report_urls():
    return [
        path(
            "reports/office-coverage/",
            CoverageReportView.as_view(),
            name="contact_coverage_report",
        ),
        path(
            "reports/office-coverage/results/",
            CoverageReportView.as_view(results_only=True),
            name="contact_coverage_report_results",
        ),
    ]


class CoverageReportMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(
            request.user, CoverageReportView.any_permission_required
        )


@hooks.register("register_reports_menu_item")
def register_coverage_report_menu_item():
    return CoverageReportMenuItem(
        _("Office coverage"),
        reverse("contact_coverage_report"),
        name="office-coverage",
        icon_name="site",
        order=1100,
    )
