from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from core.reports import report_urls
from search import reports
from search.health import engine_health


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return any(
            request.user.has_perm(f"wagtailsearchpromotions.{action}_searchpromotion")
            for action in ("add", "change", "delete")
        )


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        *report_urls("", reports.FrequentQueriesReport, "frequent"),
        *report_urls("zero-results/", reports.ZeroResultQueriesReport, "zero_results"),
    ]
    return [path("reports/search/", include((urls, "search_reports")))]


@hooks.register("register_reports_menu_item")
def register_frequent_queries_menu_item():
    return SearchReportMenuItem(
        _("Frequent search queries"),
        reverse("search_reports:frequent"),
        name="frequent-search-queries",
        icon_name="search",
        order=1310,
    )


@hooks.register("register_reports_menu_item")
def register_zero_result_queries_menu_item():
    return SearchReportMenuItem(
        _("Search queries without results"),
        reverse("search_reports:zero_results"),
        name="search-queries-without-results",
        icon_name="search",
        order=1320,
    )


class SearchHealthPanel(Component):
    name = "search_health"
    order = 150
    template_name = "search/admin/health_panel.html"

    def get_context_data(self, parent_context):
        return {"health": engine_health()}


@hooks.register("construct_homepage_panels")
def add_search_health_panel(request, panels):
    # Administrators only: it names the engine's indexes and its errors.
    if request.user.is_superuser:
        panels.append(SearchHealthPanel())
