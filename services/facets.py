"""The search facets: the filters schools narrow search results with."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, get_page_models

from services.models import MeasurePage, SchoolType, ServicePage, TargetGroup, Theme


@dataclass(frozen=True)
class FacetDefinition:
    param: str
    label: str
    field_name: str
    model: type = ServicePage

    def column(self, backend):
        filter_field = next(
            f
            for f in self.model.get_filterable_search_fields()
            if f.field_name == self.field_name
        )
        return backend.mapping_class(self.model).get_field_column_name(filter_field)


FACETS = [
    FacetDefinition("school_type", _("School type"), "school_type_slugs"),
    FacetDefinition("target_group", _("Target group"), "target_group_slugs"),
    FacetDefinition("theme", _("Theme"), "theme_slugs"),
    FacetDefinition("measure", _("NPO measure"), "measure_codes"),
    FacetDefinition("type", _("Page type"), "content_type", model=Page),
]

# How each service facet is reached from a ServicePage in the ORM.
SERVICE_RELATIONS = {
    "school_type": "school_types__slug",
    "target_group": "target_groups__slug",
    "theme": "themes__slug",
    "measure": "measure_links__measure__code",
}


def page_type_options():
    """``app_label.model`` of every concrete page type, with its plural name."""
    return {
        f"{model._meta.app_label}.{model._meta.model_name}": model
        for model in get_page_models()
        if model is not Page
    }


def facet_labels(locale):
    """For each facet, ``{value: label}`` of the options in ``locale``."""

    def taxonomy(model):
        return dict(model.objects.filter(locale=locale).values_list("slug", "name"))

    measures = MeasurePage.objects.live().filter(locale=locale).order_by("code")
    return {
        "school_type": taxonomy(SchoolType),
        "target_group": taxonomy(TargetGroup),
        "theme": taxonomy(Theme),
        "measure": {m.code: f"{m.code} {m.title}" for m in measures},
        "type": {
            value: str(model._meta.verbose_name_plural).capitalize()
            for value, model in page_type_options().items()
        },
    }


def all_content_type_values():
    """``{content type id: "app_label.model"}`` of every page type."""
    models = list(page_type_options().values())
    return {
        ct.pk: f"{ct.app_label}.{ct.model}"
        for ct in ContentType.objects.get_for_models(*models).values()
    }


def content_type_ids(values):
    return {
        pk: value for pk, value in all_content_type_values().items() if value in values
    }
