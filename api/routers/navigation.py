"""The menu of a locale, as deep as a front end wants it (within bounds)."""

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Schema
from ninja.errors import HttpError

from api.locales import locale_or_400
from api.pages import menu
from api.problems import URL_NAME_PREFIX, responses
from core.api import NavItemSchema, PageLinkSchema, reader_for
from home.models import HomePage

from . import read_router

router = read_router("navigation")

MIN_DEPTH, MAX_DEPTH = 1, 4


class NavigationSchema(Schema):
    locale: str
    home: PageLinkSchema
    items: list[NavItemSchema]


@router.get(
    "/",
    response=responses(NavigationSchema, 400, 404),
    url_name=f"{URL_NAME_PREFIX}navigation",
    summary="Navigation tree of a locale",
    operation_id="portal_navigation",
)
def navigation(
    request: HttpRequest,
    locale: str | None = Query(None, description="`nl`, `en`; default: the caller's."),
    depth: int = Query(2, description=f"Levels, {MIN_DEPTH} to {MAX_DEPTH}."),
):
    """The live, public pages shown in menus under the locale's home page, as a tree
    in the site's order; a page shows only under a parent that shows."""
    language = locale_or_400(locale)
    if not MIN_DEPTH <= depth <= MAX_DEPTH:
        raise HttpError(
            400,
            _("Depth must be between %(min)s and %(max)s.")
            % {"min": MIN_DEPTH, "max": MAX_DEPTH},
        )
    home = HomePage.by_language().get(language.language_code)
    if home is None:
        raise Http404(_("This locale has no home page yet."))
    return {
        "locale": language.language_code,
        "home": reader_for(request).link(home),
        "items": menu(home, request, depth),
    }
