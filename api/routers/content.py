"""Page content by id, with breadcrumbs, menu and translations on request.

Not ``/pages/``: that is Wagtail's own (editing) page API, kept as it is.
"""

from django.http import HttpRequest, HttpResponse
from ninja import Query

from api.pages import (
    EXPANSIONS,
    PageDetailSchema,
    breadcrumbs,
    in_page_language,
    page_or_404,
    parse_expand,
    prepare,
    translations,
)
from api.problems import URL_NAME_PREFIX, responses
from core.api import PageLinkSchema, TranslationsSchema

from . import read_router

router = read_router("content")

EXPAND = Query(
    None,
    description=f"Comma-separated, any of: {', '.join(EXPANSIONS)}.",
)


@router.get(
    "/pages/{page_id}/",
    response=responses(PageDetailSchema, 400, 404),
    url_name=f"{URL_NAME_PREFIX}page_detail",
    summary="Page content",
    operation_id="portal_page_detail",
)
def page_detail(
    request: HttpRequest,
    response: HttpResponse,
    page_id: int,
    expand: str | None = EXPAND,
):
    """All content of a live, public page, typed by `meta.type`: rich text as HTML
    with resolved links, StreamField blocks as `{type, id, value}`, images as
    renditions, related pages and taxonomy. Index pages list their children a page at
    a time, as the site does: `?page=2`."""
    expansions = parse_expand(expand)
    page = prepare(page_or_404(request, page_id), request, expansions)
    return in_page_language(response, page)


@router.get(
    "/pages/{page_id}/breadcrumbs/",
    response=responses(list[PageLinkSchema], 400, 404),
    url_name=f"{URL_NAME_PREFIX}page_breadcrumbs",
    summary="Breadcrumbs of a page",
    operation_id="portal_page_breadcrumbs",
)
def page_breadcrumbs(request: HttpRequest, page_id: int):
    """From the locale's home page down to the page itself."""
    return breadcrumbs(page_or_404(request, page_id), request)


@router.get(
    "/pages/{page_id}/translations/",
    response=responses(TranslationsSchema, 400, 404),
    url_name=f"{URL_NAME_PREFIX}page_translations",
    summary="Translations of a page",
    operation_id="portal_page_translations",
)
def page_translations(request: HttpRequest, page_id: int):
    """The page's live translations, and each locale's home page for a language
    switcher to fall back on."""
    return translations(page_or_404(request, page_id), request)
