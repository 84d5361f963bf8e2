"""The navigation of the section a page is in (plone.restapi's ``@contextnavigation``).

A section is a page right under its language's home page; the tree shows the
section's pages down to ``depth`` levels, opening the way to the page itself, so a
side menu can show where the reader is. Only pages the caller may read
(``api.pages.readable_pages``): live and public for anonymous callers.
"""

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth
from wagtail.api.v3.errors import ProblemDetail

from api.pages import home_of, page_or_404, readable_pages
from core.api import PageLinkSchema, reader_for

router = Router(tags=["navigation"], auth=[BearerTokenAuth(), AllowAnonymous()])
MAX_DEPTH = 4


class ContextNavItemSchema(PageLinkSchema):
    current: bool = Field(description="This is the page asked about.")
    in_path: bool = Field(description="The page asked about is at or below this one.")
    children: list["ContextNavItemSchema"]


class ContextNavigationSchema(Schema):
    locale: str
    section: ContextNavItemSchema | None = Field(
        description="The section's tree; none for the home page itself."
    )


def _tree(request, page, depth):
    reader = reader_for(request)
    home = home_of(page)
    if home is None or page.pk == home.pk or not page.is_descendant_of(home):
        return None
    section = (
        page
        if page.depth == home.depth + 1
        else page.get_ancestors().get(depth=home.depth + 1)
    )
    nodes = (
        readable_pages(request)
        .descendant_of(section, inclusive=True)
        .filter(depth__lte=section.depth + depth)
        .order_by("path")
    )
    by_parent = {}
    for node in nodes:
        by_parent.setdefault(node.path[: -node.steplen], []).append(node)

    def item(node):
        in_path = page.path.startswith(node.path)
        children = (
            by_parent.get(node.path, []) if node.depth < section.depth + depth else []
        )
        return {
            **reader.link(node),
            "current": node.pk == page.pk,
            "in_path": in_path,
            "children": [item(child) for child in children],
        }

    return item(section)


@router.get(
    "/{page_id}/",
    response={
        200: ContextNavigationSchema,
        **dict.fromkeys((400, 401, 404, 422), ProblemDetail),
    },
    url_name="contextnavigation",
    summary="The navigation tree of the section a page is in",
    operation_id="contextnavigation",
)
def context_navigation(request, page_id: int, depth: int = Query(2)):
    """The section (the page's ancestor right under its language's home) with its
    pages ``depth`` levels deep (1 to 4), in the page's language; ``current`` marks
    the page, ``in_path`` the way to it."""
    if not 1 <= depth <= MAX_DEPTH:
        raise HttpError(
            400, _("depth must be between 1 and %(max)s.") % {"max": MAX_DEPTH}
        )
    page = page_or_404(request, page_id)
    return {"locale": page.locale.language_code, "section": _tree(request, page, depth)}
