"""Editors' reports: what schools search for most, and what finds nothing."""

import datetime

from django.db.models import Max, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale

from search.query import search_pages

REPORT_DAYS = 30


class ActionsColumn(Column):
    """Where an editor acts on a query: a promotion, a search term, a synonym.

    Synonyms live in a versioned file (search/synonyms/nl.txt) that only developers
    change; in the admin, promoting the page for the query has the same effect.
    """

    def get_value(self, instance):
        promote = instance.promote_url
        page = getattr(instance, "best_page", None)
        if page is not None:
            term = (
                reverse("wagtailadmin_pages:edit", args=[page.pk]) + "#tab-promote",
                _("Add a search term to “%(title)s” (Promote tab)")
                % {"title": page.title},
            )
        else:
            term = (
                reverse("wagtailadmin_explore_root"),
                _("Add it as a search term to a page (its Promote tab)"),
            )
        links = [
            (promote, _("Promote a page for this query")),
            term,
            (
                promote,
                _(
                    "A synonym: promote the page (developers add synonyms to "
                    "search/synonyms/nl.txt)"
                ),
            ),
        ]
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", '<li><a href="{}">{}</a></li>', links),
        )


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
        ActionsColumn("actions", label=_("What you can do")),
    ]

    def get_page_subtitle(self):
        return _("Last %(days)s days") % {"days": REPORT_DAYS}

    def decorate_paginated_queryset(self, object_list):
        # The query's own promotion form (the query filled in, its promotions
        # listed) for those who may change promotions; the empty form for the rest.
        can_change = self.request.user.has_perm(
            "wagtailsearchpromotions.change_searchpromotion"
        )
        for query in object_list:
            query.promote_url = (
                reverse("wagtailsearchpromotions:edit", args=[query.pk])
                if can_change
                else reverse("wagtailsearchpromotions:add")
            )
        return object_list


class FrequentQueriesReport(SearchQueryReport):
    def decorate_paginated_queryset(self, object_list):
        object_list = super().decorate_paginated_queryset(object_list)
        # The page a school finds first for the query: the page to give a search
        # term when the query should find it higher.
        locale = Locale.get_default()
        for query in object_list:
            found = search_pages(query.query_string, locale, per_page=1, record=False)
            query.best_page = found.hits[0].page if found.hits else None
        return object_list

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
