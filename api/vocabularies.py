"""The lists front ends filter and label with: taxonomy, measures, offices.

One vocabulary for each search facet that names one (``services/facets.py``), in the
order their models are defined, then the offices. Taxonomy terms are the translatable
snippets, readable here without an API token; Wagtail's ``/api/v3/snippets/`` is
their editing API and needs one. ``token`` (slug or measure code) is the same in
every locale and is what search facets take.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.utils.text import capfirst
from wagtail.models import Page

from core.api import api_url
from core.navigation import public
from offices.models import RegionalOfficePage
from services.facets import FACETS


def taxonomy_queryset(model, locale):
    return (
        model.objects.filter(locale=locale)
        .select_related("locale")
        .order_by("name", "pk")
    )


def term(item, token):
    return {
        "id": item.pk,
        "token": token,
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


def taxonomy_terms(model, token):
    def terms(locale, request):
        return [
            term(item, getattr(item, token))
            for item in taxonomy_queryset(model, locale)
        ]

    return terms


def page_terms(model, token):
    """Live, public pages of ``model`` as terms, in the order of their tokens."""

    def terms(locale, request):
        pages = (
            public(model.objects.live())
            .filter(locale=locale)
            .select_related("locale")
            .order_by(token)
        )
        return [
            page_term(page, getattr(page, token), page.summary, request)
            for page in pages
        ]

    return terms


def offices(locale, request):
    pages = (
        public(RegionalOfficePage.objects.live())
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


def facet_vocabulary(facet):
    model = facet.vocabulary_model
    kind = page_terms if issubclass(model, Page) else taxonomy_terms
    return Vocabulary(facet.vocabulary, model, kind(model, facet.token))


def facet_vocabularies():
    defined = {model: position for position, model in enumerate(apps.get_models())}
    listed = sorted(
        (facet for facet in FACETS if facet.vocabulary),
        key=lambda facet: defined[facet.vocabulary_model],
    )
    return [facet_vocabulary(facet) for facet in listed]


VOCABULARIES = {
    vocabulary.name: vocabulary
    for vocabulary in [
        *facet_vocabularies(),
        Vocabulary("offices", RegionalOfficePage, offices),
    ]
}
