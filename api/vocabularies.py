"""The lists front ends filter and label with: taxonomy, measures, offices.

Taxonomy terms are the translatable snippets, readable here without an API token;
Wagtail's ``/api/v3/snippets/`` is their editing API and needs one. ``token`` (slug or
measure code) is the same in every locale and is what search facets take.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.text import capfirst

from core.api import api_url
from offices.models import RegionalOfficePage
from services.models import MeasurePage, SchoolType, TargetGroup, Theme

# Snippet types by the name the API knows them under.
TAXONOMIES = {
    "target-groups": TargetGroup,
    "themes": Theme,
    "school-types": SchoolType,
}


def taxonomy_queryset(model, locale):
    return (
        model.objects.filter(locale=locale)
        .select_related("locale")
        .order_by("name", "pk")
    )


def term(item):
    return {
        "id": item.pk,
        "token": item.slug,
        "title": item.name,
        "description": item.description,
        "locale": item.locale.language_code,
        "translation_key": str(item.translation_key),
    }


def page_term(page, token, description, request):
    return {
        "id": page.pk,
        "token": token,
        "title": page.title,
        "description": description,
        "locale": page.locale.language_code,
        "translation_key": str(page.translation_key),
        "url": page.get_url(request),
        "api_url": api_url(page),
    }


def taxonomy_terms(model):
    def terms(locale, request):
        return [term(item) for item in taxonomy_queryset(model, locale)]

    return terms


def measures(locale, request):
    pages = (
        MeasurePage.objects.live()
        .public()
        .filter(locale=locale)
        .select_related("locale")
        .order_by("code")
    )
    return [page_term(page, page.code, page.summary, request) for page in pages]


def offices(locale, request):
    pages = (
        RegionalOfficePage.objects.live()
        .public()
        .filter(locale=locale)
        .select_related("locale")
        .order_by("title")
    )
    return [page_term(page, page.slug, page.description, request) for page in pages]


@dataclass(frozen=True)
class Vocabulary:
    name: str
    model: type
    terms: Callable

    @property
    def label(self):
        return capfirst(self.model._meta.verbose_name_plural)


VOCABULARIES = {
    vocabulary.name: vocabulary
    for vocabulary in [
        *(
            Vocabulary(name, model, taxonomy_terms(model))
            for name, model in TAXONOMIES.items()
        ),
        Vocabulary("measures", MeasurePage, measures),
        Vocabulary("offices", RegionalOfficePage, offices),
    ]
}
