"""``GET /api/v3/pages/{id}/``: Wagtail's page detail, answered in the portal's shape.

Wagtail's own detail served its generated schema: a draft (``?version=draft``) had
none of the portal's fields (target groups, themes, measures, contact URL; the home
page's featured pages, latest articles and contact page). Live and draft are one
page shape here, the one of ``/content/pages/{id}/`` and ``/resolve/``: the same
schemas and the same serialiser. Which pages answer is Wagtail's rule
(``get_pages_queryset``, with the portal's rule for aliases in
``api.pages.pages_queryset``): anonymous callers see live public pages, token holders
the pages they may edit or publish. A draft needs such a token, and is never stored by a
shared cache (``private, no-store``).
"""

import functools
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from ninja import Query
from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth

from api.pages import (
    EXPANSIONS,
    PageDetailSchema,
    in_page_language,
    pages_queryset,
    parse_expand,
    prepare,
)
from api.problems import object_or_404, responses
from api.routers.resolve import page_at

DETAIL_PATH = "/{page_id}/"
FIND_PATH = "/find/"


def page_detail(
    request: HttpRequest,
    response: HttpResponse,
    page_id: int,
    version: Literal["live", "draft"] = Query(
        "live",
        description="`draft`: the latest revision; needs a token that may edit or "
        "publish the page.",
    ),
    expand: str | None = Query(
        None, description=f"Comma-separated, any of: {', '.join(EXPANSIONS)}."
    ),
):
    """A page in the same shape as `GET /content/pages/{page_id}/`, live or draft."""
    expansions = parse_expand(expand)
    if version == "draft" and not request.user.is_authenticated:
        raise PermissionDenied(_("A draft needs an API token."))
    # For a token holder: only the pages they may edit or publish.
    page = object_or_404(pages_queryset(request), pk=page_id).specific
    if version == "draft":
        page = page.get_latest_revision_as_object()
        patch_cache_control(response, private=True, no_store=True)
    return in_page_language(response, prepare(page, request, expansions))


def find_by_language_path(find):
    """Wagtail's ``/pages/find/`` routed ``html_path`` from the site's root page, so
    the public paths (``/nl/diensten/toekomstcoach/``, ``/en/…``) were not found;
    a path with a language prefix is routed as the site routes it, then found by id
    under Wagtail's own access rule."""

    @functools.wraps(find)
    def found(request, *args, html_path=None, id=None, **kwargs):
        if html_path and translation.get_language_from_path(html_path):
            page = page_at(request, "/" + html_path.lstrip("/"))
            if page is None:
                raise Http404(_("No page at %(path)s.") % {"path": html_path})
            html_path, id = None, page.pk
        return find(request, *args, html_path=html_path, id=id, **kwargs)

    return found


def serve_page_detail(router):
    """Puts ``page_detail`` in place of the GET of Wagtail's ``router``."""
    path_view = router.path_operations[DETAIL_PATH]
    path_view.operations = [
        operation
        for operation in path_view.operations
        if "GET" not in operation.methods
    ]
    for operation in router.path_operations[FIND_PATH].operations:
        operation.view_func = find_by_language_path(operation.view_func)
    router.add_api_operation(
        DETAIL_PATH,
        ["GET"],
        page_detail,
        auth=[BearerTokenAuth(), AllowAnonymous()],
        response=responses(PageDetailSchema, 400, 401, 403, 404),
        url_name="detail_page",
        summary="Page detail",
        operation_id="pages_detail",
    )
