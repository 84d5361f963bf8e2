"""Admin report "Translations": what each locale still lacks of the Dutch source."""

import django_filters
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page
from wagtail.permissions import policy_registry

from .status import Status, translation_rows


def _locale_choices():
    default = Locale.get_default()
    return [
        (locale.language_code, locale.get_display_name())
        for locale in Locale.objects.exclude(pk=default.pk).order_by("language_code")
    ]


class TranslationStatusFilterSet(WagtailFilterSet):
    # The rows are computed, not a queryset: the view applies these values itself.
    locale = django_filters.ChoiceFilter(
        label=_("Locale"), choices=_locale_choices, empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=list(Status.LABELS.items()), empty_label=_("All")
    )


class TranslationReportView(ReportView):
    page_title = _("Translations")
    header_icon = "wagtail-localize-language"
    index_url_name = "localization_report"
    index_results_url_name = "localization_report_results"
    filterset_class = TranslationStatusFilterSet
    # Whoever edits pages may see what is left to translate.
    any_permission_required = ["add", "change", "publish"]
    columns = [
        Column("language", label=_("Locale")),
        Column("kind", label=_("Type")),
        TitleColumn(
            "title",
            label=_("Source"),
            url_name=None,
            get_url=lambda row: row.action_url,
        ),
        Column("status_label", label=_("Status")),
        DateColumn("source_updated_at", label=_("Source published")),
        TitleColumn(
            "action_label",
            label=_("Action"),
            url_name=None,
            get_url=lambda row: row.action_url,
        ),
    ]
    list_export = ["language", "kind", "title", "status_label", "source_updated_at"]
    export_headings = {
        "language": _("Locale"),
        "kind": _("Type"),
        "title": _("Source"),
        "status_label": _("Status"),
        "source_updated_at": _("Source published"),
    }
    export_filename = "vertalingen"

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Page)

    def get_filterset_kwargs(self):
        # django-filter wants a queryset even when the view filters rows itself.
        return {**super().get_filterset_kwargs(), "queryset": Locale.objects.none()}

    def get_queryset(self):
        locale = None
        if self.filters and self.filters.is_valid():
            locale = self.filters.form.cleaned_data.get("locale") or None
        return translation_rows(locale)

    def filter_queryset(self, rows):
        if not (self.filters and self.filters.is_valid()):
            return rows
        status = self.filters.form.cleaned_data.get("status")
        return [row for row in rows if not status or row.status == status]
