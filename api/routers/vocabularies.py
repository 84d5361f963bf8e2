"""Vocabularies per locale: the taxonomy snippets, the measures and the offices."""

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Schema

from api.locales import locale_or_400
from api.problems import URL_NAME_PREFIX, responses
from api.vocabularies import VOCABULARIES

from . import read_router

router = read_router("vocabularies")

LOCALE = Query(None, description="`nl`, `en`; default: the caller's.")


class VocabularySummarySchema(Schema):
    name: str
    label: str
    api_url: str


class VocabularyTermSchema(Schema):
    id: int
    token: str
    title: str
    description: str
    locale: str
    translation_key: str


class PageTermSchema(VocabularyTermSchema):
    url: str | None
    api_url: str


class VocabularySchema(Schema):
    name: str
    label: str
    locale: str
    terms: list[PageTermSchema | VocabularyTermSchema]


@router.get(
    "/",
    response=list[VocabularySummarySchema],
    url_name=f"{URL_NAME_PREFIX}vocabularies",
    summary="List vocabularies",
    operation_id="portal_vocabularies",
)
def vocabularies(request: HttpRequest):
    return [
        {
            "name": name,
            "label": str(vocabulary.label),
            "api_url": reverse(
                f"wagtailapi_v3:{URL_NAME_PREFIX}vocabulary", kwargs={"name": name}
            ),
        }
        for name, vocabulary in VOCABULARIES.items()
    ]


@router.get(
    "/{name}/",
    response=responses(VocabularySchema, 400, 404),
    url_name=f"{URL_NAME_PREFIX}vocabulary",
    summary="Terms of a vocabulary",
    operation_id="portal_vocabulary",
)
def vocabulary(request: HttpRequest, name: str, locale: str | None = LOCALE):
    """`token` is the slug (or measure code) that search facets take; it is the same
    in every locale, `title` is in the locale asked for."""
    chosen = VOCABULARIES.get(name)
    if chosen is None:
        raise Http404(
            _("Unknown vocabulary; choose from %(names)s.")
            % {"names": ", ".join(VOCABULARIES)}
        )
    language = locale_or_400(locale)
    return {
        "name": name,
        "label": str(chosen.label),
        "locale": language.language_code,
        "terms": chosen.terms(language, request),
    }
