"""A public URL path to its page, routed by Wagtail as the site routes it."""

from urllib.parse import urlsplit

from django.http import Http404, HttpRequest, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Schema
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from api.pages import PageDetailSchema, parse_expand, prepare, readable_pages
from api.problems import URL_NAME_PREFIX, responses

from . import read_router
from .content import EXPAND

router = read_router("content")


class ExternalRedirectSchema(Schema):
    location: str
    permanent: bool


def readable(request, page):
    return page if readable_pages(request).filter(pk=page.pk).exists() else None


def route(request, path):
    """The page at ``path`` (``/nl/diensten/``), or None.

    The language prefix chooses the locale's page tree, as ``i18n_patterns`` and
    Wagtail's ``serve`` view do; like the site (``portal/wagtail_hooks.py``), a page
    only answers under its own language.
    """
    language = translation.get_language_from_path(path)
    if not language:
        return None
    rest = path.split("/", 2)[2] if path.count("/") >= 2 else ""
    with translation.override(language):
        page = Page.find_for_request(request, rest)
    if page is None or page.locale.language_code != language:
        return None
    return readable(request, page)


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
    page = route(request, path)
    if page is not None:
        return prepare(page, request, expansions)
    redirect = redirect_for(request, path)
    if redirect is None:
        raise Http404(_("No page at %(path)s.") % {"path": path})
    if redirect.redirect_page_id is None:
        response = JsonResponse(
            {"location": redirect.link, "permanent": redirect.is_permanent},
            status=301 if redirect.is_permanent else 302,
        )
        response["Location"] = redirect.link
        return response
    target = readable(request, redirect.redirect_page)
    if target is None:
        raise Http404(_("No page at %(path)s.") % {"path": path})
    return prepare(
        target.specific,
        request,
        expansions,
        redirected_from={"path": path, "permanent": redirect.is_permanent},
    )
