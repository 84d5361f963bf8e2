from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.reports import PageReportMenuItem, report_urls

from .inbox import ContactRequestViewSet
from .models import ContactRequest, ContactRequestLogEntry
from .reports import CoverageReportView
from .site_summary import NewRequestsSummaryItem


@hooks.register("register_admin_viewset")
def register_contact_request_viewset():
    return ContactRequestViewSet()


@hooks.register("register_log_actions")
def register_contact_request_log(actions):
    actions.register_model(ContactRequest, ContactRequestLogEntry)


@hooks.register("construct_homepage_summary_items")
def add_new_requests_summary_item(request, items):
    items.append(NewRequestsSummaryItem(request))


@hooks.register("register_admin_urls")
def register_coverage_report_urls():
    return report_urls(
        "reports/office-coverage/", CoverageReportView, "contact_coverage_report"
    )


@hooks.register("register_reports_menu_item")
def register_coverage_report_menu_item():
    return PageReportMenuItem(
        CoverageReportView,
        _("Office coverage"),
        reverse("contact_coverage_report"),
        name="office-coverage",
        icon_name="site",
        order=1100,
    )
