"""Admin report: where routing falls back because the office coverage has gaps."""

import django_filters
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page
from wagtail.permissions import policy_registry

from offices.models import Municipality, RegionalOfficePage

from .models import ContactFormPage


def _province_choices():
    provinces = Municipality.objects.values_list("province", flat=True)
    return [(name, name) for name in provinces.distinct().order_by("province")]


def _label(name):
    return capfirst(Municipality._meta.get_field(name).verbose_name)


def offices_without_municipalities():
    """Offices in the default locale that serve no municipality, fallback excepted.

    The national fallback office serves no municipality on purpose: it receives
    whatever no regional office covers.
    """
    fallback_keys = RegionalOfficePage.objects.filter(
        pk__in=ContactFormPage.objects.exclude(fallback_office=None).values(
            "fallback_office"
        )
    ).values("translation_key")
    return (
        RegionalOfficePage.objects.filter(
            locale=Locale.get_default(), municipalities__isnull=True
        )
        .exclude(translation_key__in=fallback_keys)
        .order_by("title")
    )


class CoverageFilterSet(WagtailFilterSet):
    province = django_filters.ChoiceFilter(
        label=_label("province"), choices=_province_choices, empty_label=_("All")
    )

    class Meta:
        model = Municipality
        fields = ["province"]


class CoverageReportView(ReportView):
    page_title = _("Office coverage")
    header_icon = "site"
    index_url_name = "contact_coverage_report"
    index_results_url_name = "contact_coverage_report_results"
    results_template_name = "contact/admin/coverage_report_results.html"
    filterset_class = CoverageFilterSet
    # Coverage is edited on the office pages; whoever may publish them may see this.
    any_permission_required = ["publish"]
    default_ordering = "name"
    columns = [
        Column("code", label=_label("code"), sort_key="code"),
        Column("name", label=_label("name"), sort_key="name"),
        Column("province", label=_label("province"), sort_key="province"),
    ]
    list_export = ["code", "name", "province"]
    export_filename = "gemeenten-zonder-kantoor"

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Page)

    def get_queryset(self):
        self.queryset = Municipality.objects.filter(office__isnull=True)
        return super().get_queryset()

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["offices_without_municipalities"] = offices_without_municipalities()
        return context
