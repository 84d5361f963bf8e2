"""A public URL path to its page, routed by Wagtail as the site routes it."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Schema
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from api.pages import (
    PageDetailSchema,
    in_page_language,
    parse_expand,
    prepare,
    readable_pages,
)
from api.problems import URL_NAME_PREFIX, responses
from core.navigation import find_site, own_copy
from home.models import HomePage

from . import read_router
from .content import EXPAND

router = read_router("content")


class ExternalRedirectSchema(Schema):
    location: str
    permanent: bool


def readable(request, page):
    return page if readable_pages(request).filter(pk=page.pk).exists() else None


def readable_routed(request, page):
    """``readable`` for a page the site's router found: one no view restriction
    covers is readable when live, without asking the database (the restrictions
    are read once per content version); any other is asked as ``readable`` asks."""
    known = getattr(page, "known_unrestricted", None)
    if page.live and "site" not in request.GET and known and known():
        return page
    return readable(request, page)


def page_at(request, path):
    """The page at ``path`` (``/nl/diensten/``), or None, whoever may see it.

    The language prefix chooses the locale's page tree, as ``i18n_patterns`` and
    Wagtail's ``serve`` view do; like the site (``portal/wagtail_hooks.py``), a page
    only answers under its own language.
    """
    language = translation.get_language_from_path(path)
    if not language:
        return None
    rest = path.split("/", 2)[2] if path.count("/") >= 2 else ""
    # The site the router starts from, from the memo the site's pages use (the API
    # is left out of SiteMiddleware, for its OpenAPI document).
    find_site(request)
    with translation.override(language):
        page = Page.find_for_request(request, rest)
    if page is None or page.locale.language_code != language:
        return None
    return page


def route(request, path):
    """The page at ``path`` if the caller may read it, else None."""
    page = page_at(request, path)
    return page and readable_routed(request, page)


def requested_home(request):
    """``/`` of the site: the home page of the caller's language, where the site
    redirects (``/`` to ``/nl/``), or of the default language."""
    homes = HomePage.by_language()
    home = homes.get(translation.get_language()) or homes.get(settings.LANGUAGE_CODE)
    # The homes are kept for the content version: the answer is prepared on a copy.
    return home and readable(request, own_copy(home))


def redirect_for(request, path):
    """An editor's redirect of ``path``, as Wagtail's RedirectMiddleware finds it."""
    normalised = Redirect.normalise_path(path, decode_unicode=False)
    redirect = get_redirect(request, normalised)
    return redirect if redirect and redirect.link else None


@router.get(
    "/",
    response={
        **responses(PageDetailSchema, 400, 404),
        301: ExternalRedirectSchema,
        302: ExternalRedirectSchema,
    },
    url_name=f"{URL_NAME_PREFIX}resolve",
    summary="Resolve a public URL path to its page",
    operation_id="portal_resolve",
)
def resolve(
    request: HttpRequest,
    response: HttpResponse,
    path: str,
    expand: str | None = EXPAND,
):
    """Give the path of a public URL, with its language prefix
    (`/nl/diensten/toekomstcoach/`); the answer is the page's content as in
    `GET /api/v3/content/pages/{id}/`.

    When no page lives at the path but an editor's redirect does, the redirect is
    followed: a redirect to a page answers 200 with that page and `redirected_from`
    (`{path, permanent}`), so a front end can render it or send the reader on to
    `meta.url` (301 when permanent). A redirect to another site answers 301 or 302
    with `Location` and `{location, permanent}`; call with `redirect: "manual"` to
    read it. Unknown, draft and private pages answer 404."""
    expansions = parse_expand(expand)
    path = "/" + urlsplit(path).path.lstrip("/")
    if path == "/":
        home = requested_home(request)
        if home is not None:
            home = prepare(
                home.specific,
                request,
                expansions,
                redirected_from={"path": path, "permanent": False},
            )
            return in_page_language(response, home)
    page = route(request, path)
    if page is not None:
        return in_page_language(response, prepare(page, request, expansions))
    redirect = redirect_for(request, path)
    if redirect is None:
        raise Http404(_("No page at %(path)s.") % {"path": path})
    if redirect.redirect_page_id is None:
        elsewhere = JsonResponse(
            {"location": redirect.link, "permanent": redirect.is_permanent},
            status=301 if redirect.is_permanent else 302,
        )
        elsewhere["Location"] = redirect.link
        return elsewhere
    target = readable(request, redirect.redirect_page)
    if target is None:
        raise Http404(_("No page at %(path)s.") % {"path": path})
    target = prepare(
        target.specific,
        request,
        expansions,
        redirected_from={"path": path, "permanent": redirect.is_permanent},
    )
    return in_page_language(response, target)
