"""Pages for front ends: links, breadcrumbs, menus, translations and page content.

Content comes from each page type's own ``get_context`` (what its template shows), so
the API and the HTML site answer from the same domain functions. Anonymous callers
see live pages without a view restriction; links to any other page are left out.
"""

import functools
import operator
from typing import Annotated, Literal

from django.core.paginator import Page as DjangoPage
from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from pydantic import Discriminator, Field, Tag, create_model
from wagtail.api.querysets import get_public_pages_queryset
from wagtail.api.v3.querysets import get_pages_queryset
from wagtail.api.v3.schemas.base import discriminate_meta_type
from wagtail.models import Page

from api.problems import object_or_404
from core import navigation
from core.api import PortalPageMetaSchema, page_schemas, reader_for
from core.paging import api_page
from core.translations import without_untranslated_aliases
from home.models import HomePage

EXPANSIONS = ("breadcrumbs", "navigation", "translations")
# The menu of ``expand=navigation``: the site header's, one level under home.
HEADER_MENU_DEPTH = 1


def readable_pages(request):
    """Live pages of the request's site that the caller may view.

    Wagtail's public page queryset, for token holders too: an API token does not make
    drafts readable here (Wagtail's ``/pages/`` serves editors), but does let its
    user through the view restrictions they pass, as on the site. Aliases take the
    restrictions of their originals, as on the site.
    """
    return navigation.without_restricted(
        get_public_pages_queryset(request), navigation.restricted_alias_paths()
    )


def pages_queryset(request, model=Page):
    """Wagtail's ``get_pages_queryset`` (what its ``/pages/`` endpoints serve: live
    public pages to anonymous callers, the pages token holders may edit or publish),
    and for anonymous callers without the aliases of restricted pages, which
    Wagtail's own query lets through."""
    pages = get_pages_queryset(request, model)
    if request.user.is_authenticated:
        return pages
    return navigation.without_restricted(pages, navigation.restricted_alias_paths())


def any_page_or_404(page_id, lock=False):
    """The page with this id, whoever may see it (the caller checks permissions);
    with ``lock``, its row is locked until the transaction ends, so that two
    editors acting on it at once take turns."""
    pages = Page.objects.select_for_update() if lock else Page.objects
    page = pages.filter(pk=page_id).first()
    if page is None:
        raise Http404(_("There is no page with this ID."))
    return page.specific


def page_or_404(request, page_id):
    return object_or_404(readable_pages(request), pk=page_id).specific


def parse_expand(value):
    requested = {item.strip() for item in (value or "").split(",") if item.strip()}
    unknown = sorted(requested - set(EXPANSIONS))
    if unknown:
        raise HttpError(
            400,
            _("Cannot expand %(unknown)s; choose from %(choices)s.")
            % {"unknown": ", ".join(unknown), "choices": ", ".join(EXPANSIONS)},
        )
    return requested


def home_of(page):
    return HomePage.by_language().get(page.locale.language_code)


def breadcrumbs(page, request):
    """The way from the locale's home page down to ``page``, both included."""
    reader = reader_for(request)
    return [reader.link(crumb) for crumb in [*navigation.breadcrumbs(page), page]]


def menu(home, request, depth=HEADER_MENU_DEPTH):
    """The menu under ``home``, ``depth`` levels deep, as links with children."""
    reader = reader_for(request)

    def links(items):
        return [
            {**reader.link(item.page), "children": links(item.children)}
            for item in items
        ]

    return links(navigation.menu(home, depth, reader.restricted_paths))


def translations(page, request):
    """The live translations of ``page``, and every locale's home for the others.

    Synchronised aliases that still show the source text are not translations.
    """
    reader = reader_for(request)
    others = (
        without_untranslated_aliases(navigation.public(page.get_translations().live()))
        .select_related("locale")
        .order_by("locale__language_code")
    )
    return {
        "items": [
            {"locale": other.locale.language_code, **reader.link(other)}
            for other in others
        ],
        "homes": {
            code: reader.link(home) for code, home in HomePage.by_language().items()
        },
    }


def in_page_language(response, page):
    """The answer is in the page's language, not the caller's (``Content-Language``
    is otherwise the request's language, set by the locale middleware)."""
    response["Content-Language"] = page.locale.language_code
    return page


def strict_paging(request, context):
    """The listings of a page's context (the site's tolerant paging) paged again as
    every API list is: a page out of range is a 400, ``?per_page=`` is honoured.
    Replaces them in ``context``; answers ``{name: paging}``."""
    paging = {}
    for name, value in list(context.items()):
        if isinstance(value, DjangoPage):
            listing = value.paginator
            context[name], paging[name] = api_page(
                request, listing.object_list, listing.per_page
            )
    return paging


def prepare(page, request, expand=(), redirected_from=None):
    """Loads what the page's schema shows: its template context and expansions."""
    if type(page) not in PAGE_SCHEMAS:
        raise Http404(_("This page has no content for the API."))
    navigation = None
    if "navigation" in expand:
        home = home_of(page)
        navigation = menu(home, request) if home else []
    context = page.get_context(request)
    page._portal_api = {
        "context": context,
        "paging": strict_paging(request, context),
        "redirected_from": redirected_from,
        "breadcrumbs": breadcrumbs(page, request) if "breadcrumbs" in expand else None,
        "navigation": navigation,
        "translations": (
            translations(page, request) if "translations" in expand else None
        ),
    }
    return page


def typed_by_meta(model, schema):
    """``schema`` with ``meta.type`` the constant label of ``model``, so that a
    client's type checker narrows a page by it."""
    label = model._meta.label
    meta = create_model(
        f"{model.__name__}ContentMeta",
        __base__=PortalPageMetaSchema,
        __module__=schema.__module__,
        type=(Literal[label], Field(description="The page type.")),
    )
    return create_model(
        schema.__name__,
        __base__=schema,
        __module__=schema.__module__,
        __doc__=schema.__doc__,
        meta=(meta, ...),
    )


def discriminated_by_meta_type(schemas):
    """One member per page type, chosen by ``meta.type``.

    OpenAPI's ``discriminator`` can only name a property of the member itself, and
    the page type is ``meta.type``, one level down: a ``discriminator`` with
    ``propertyName: "meta.type"`` makes generators (openapi-typescript) add a
    property named ``meta.type`` to every page. So each member's ``meta.type`` is a
    constant, which is what type checkers narrow on, and the mapping is given as
    ``x-discriminator`` with the path.
    """
    members = tuple(
        Annotated[schema, Tag(model._meta.label)] for model, schema in schemas.items()
    )
    mapping = {
        model._meta.label: f"#/components/schemas/{schema.__name__}"
        for model, schema in schemas.items()
    }
    return Annotated[
        functools.reduce(operator.or_, members),
        Discriminator(discriminate_meta_type),
        Field(
            json_schema_extra={
                "description": "A page, typed by its `meta.type`.",
                "x-discriminator": {"propertyPath": "meta.type", "mapping": mapping},
            }
        ),
    ]


# Each app registers its page types' schemas in its own api.py (core.api.register).
PAGE_SCHEMAS = {
    model: typed_by_meta(model, schema) for model, schema in page_schemas().items()
}

# One member per page type, chosen by ``meta.type`` as in Wagtail's own page detail.
PageDetailSchema = discriminated_by_meta_type(PAGE_SCHEMAS)
