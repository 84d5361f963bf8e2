"""Search for front ends: the very ``search_pages`` call the search page makes."""

from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Schema
from pydantic import Field, create_model

from api.locales import locale_or_400
from api.problems import URL_NAME_PREFIX, responses
from core.api import PageLinkSchema, reader_for
from core.navigation import summary_of
from core.paging import MAX_PER_PAGE, PagingSchema, paging_of, requested_page
from search.query import MAX_PAGE, RESULTS_PER_PAGE, search_pages
from services.facets import FACETS

from . import read_router

router = read_router("search")


class SearchHitSchema(PageLinkSchema):
    code: str = Field("", description="The NPO measure's code, e.g. `3.1`.")
    summary: str
    highlight: str = ""
    promoted: bool = False
    description: str = ""


class FacetOptionSchema(Schema):
    value: str
    label: str
    count: int
    selected: bool


class FacetSchema(Schema):
    param: str
    label: str
    options: list[FacetOptionSchema]


class SearchResultsSchema(Schema):
    query: str
    locale: str
    paging: PagingSchema
    promoted: list[SearchHitSchema]
    results: list[SearchHitSchema]
    facets: list[FacetSchema]
    fallback_used: bool
    relaxed: bool
    suggestion: str = Field(
        "", description="The query with unknown words corrected (“Did you mean”)."
    )


FacetFilters = create_model(
    "FacetFilters",
    __base__=Schema,
    __doc__="The search page's facet parameters; repeat one to choose several values.",
    **{
        facet.param: (list[str], Field([], description=facet.description))
        for facet in FACETS
    },
)


FACET_PARAMETERS = Query(...)


def hits(reader, found):
    return [
        {
            **reader.link(hit.page),
            "code": getattr(hit.page, "code", ""),
            "summary": summary_of(hit.page),
            "highlight": hit.highlight,
            "promoted": hit.promoted,
            "description": hit.description,
        }
        for hit in found
    ]


@router.get(
    "/",
    response=responses(SearchResultsSchema, 400),
    url_name=f"{URL_NAME_PREFIX}search",
    summary="Search pages",
    operation_id="portal_search",
)
def search(
    request: HttpRequest,
    q: str = "",
    locale: str | None = Query(None, description="`nl`, `en`; default: the caller's."),
    facets: FacetFilters = FACET_PARAMETERS,
    page: int = Query(1, ge=1, le=MAX_PAGE, description="1-based."),
    per_page: int = Query(RESULTS_PER_PAGE, ge=1, le=MAX_PER_PAGE),
):
    """Live, public pages of one locale, as the search page finds them: `highlight` is
    the matched passage (HTML, matches in `<mark>`), facets count each option with the
    other facets applied (OR within a facet, AND across). `fallback_used` is true when
    the search engine was unreachable and the database answered, without highlights.
    An empty `q` with facet parameters lists the pages those facets select, by
    title; an empty `q` without them finds nothing."""
    language = locale_or_400(locale)
    # Facet and type labels in the language of the results, as on the search page.
    with translation.override(language.language_code):
        return _search(request, q, language, facets, page, per_page)


def _search(request, q, language, facets, page, per_page):
    results = search_pages(
        q,
        language,
        filters=facets.dict(),
        page=page,
        per_page=per_page,
    )
    # The engine's window caps the page: a page past it or past the last is a 400.
    requested_page(request, min(results.num_pages, results.page_number))
    reader = reader_for(request)
    return {
        "query": results.query,
        "locale": language.language_code,
        "paging": paging_of(request, page, per_page, results.total),
        "promoted": hits(reader, results.promoted),
        "results": hits(reader, results.hits),
        "facets": [
            {
                "param": facet.param,
                "label": str(facet.label),
                "options": [vars(option) for option in facet.options],
            }
            for facet in results.facets
        ],
        "fallback_used": results.fallback_used,
        "relaxed": results.relaxed,
        "suggestion": results.suggestion,
    }
