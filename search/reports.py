"""Editors' reports: what schools search for most, and what finds nothing."""

import datetime

from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

REPORT_DAYS = 30


def report_since():
    return timezone.now().date() - datetime.timedelta(days=REPORT_DAYS - 1)


class SearchQueryReport(ReportView):
    # Whoever may promote search results is who acts on these reports.
    model = SearchPromotion
    any_permission_required = ["add", "change", "delete"]
    header_icon = "search"
    paginate_by = 50
    list_export = ["query_string", "searches", "last_searched"]
    export_headings = {
        "query_string": _("Search query"),
        "searches": _("Searches"),
        "last_searched": _("Last searched"),
    }
    columns = [
        Column("query_string", label=_("Search query")),
        Column("searches", label=_("Searches")),
        Column("last_searched", label=_("Last searched")),
    ]

    def get_page_subtitle(self):
        return _("Last %(days)s days") % {"days": REPORT_DAYS}


class FrequentQueriesReport(SearchQueryReport):
    page_title = _("Frequent search queries")
    index_url_name = "search_reports:frequent"
    index_results_url_name = "search_reports:frequent_results"

    def get_queryset(self):
        return (
            Query.objects.filter(daily_hits__date__gte=report_since())
            .annotate(
                searches=Sum("daily_hits__hits"), last_searched=Max("daily_hits__date")
            )
            .order_by("-searches", "query_string")
        )


class ZeroResultQueriesReport(SearchQueryReport):
    page_title = _("Search queries without results")
    index_url_name = "search_reports:zero_results"
    index_results_url_name = "search_reports:zero_results_results"

    def get_queryset(self):
        return (
            Query.objects.filter(zero_result_days__date__gte=report_since())
            .annotate(
                searches=Sum("zero_result_days__hits"),
                last_searched=Max("zero_result_days__date"),
            )
            .order_by("-searches", "query_string")
        )
