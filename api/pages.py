"""Pages for front ends: links, breadcrumbs, menus, translations and page content.

Content comes from each page type's own ``get_context`` (what its template shows), so
the API and the HTML site answer from the same domain functions. Anonymous callers
see live pages without a view restriction; links to any other page are left out.
"""

import datetime

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError
from pydantic import Field
from wagtail.api.querysets import get_public_pages_queryset
from wagtail.api.v3.schemas.base import build_discriminated_union
from wagtail.models import Page

from api.problems import object_or_404
from contact.models import ContactFormPage
from contact.pages import contact_url_for
from core.api import (
    BlockSchema,
    PageCardSchema,
    PageLinkSchema,
    PagingSchema,
    PortalPageSchema,
    TermSchema,
    reader_for,
    rich_text,
)
from core.translations import without_untranslated_aliases
from home.models import ArticleIndexPage, ArticlePage, ContentPage, HomePage
from offices.models import RegionalOfficePage, RegionIndexPage
from services.models import (
    MeasureIndexPage,
    MeasurePage,
    ServiceIndexPage,
    ServicePage,
)

EXPANSIONS = ("breadcrumbs", "navigation", "translations")
# The menu of ``expand=navigation``: the site header's, one level under home.
HEADER_MENU_DEPTH = 1


def readable_pages(request):
    """Live pages of the request's site that the caller may view.

    Wagtail's public page queryset, for token holders too: an API token does not make
    drafts readable here (Wagtail's ``/pages/`` serves editors), but does let its
    user through the view restrictions they pass, as on the site.
    """
    return get_public_pages_queryset(request)


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
    ancestors = page.get_ancestors(inclusive=True).filter(depth__gt=1).live()
    return [reader.link(ancestor) for ancestor in ancestors]


def menu(home, request, depth=HEADER_MENU_DEPTH):
    """The menu under ``home``, ``depth`` levels deep, in the page tree's order.

    A page only shows under a parent that shows: one query for the whole tree.
    """
    reader = reader_for(request)
    pages = (
        Page.objects.live()
        .public()
        .in_menu()
        .descendant_of(home)
        .filter(depth__lte=home.depth + depth)
        .order_by("path")
    )
    items, by_path = [], {}
    for page in pages:
        item = {**reader.link(page), "children": []}
        if page.depth == home.depth + 1:
            items.append(item)
        elif (parent := by_path.get(page.path[: -page.steplen])) is not None:
            parent["children"].append(item)
        else:
            continue
        by_path[page.path] = item
    return items


def translations(page, request):
    """The live translations of ``page``, and every locale's home for the others.

    Synchronised aliases that still show the source text are not translations.
    """
    reader = reader_for(request)
    others = (
        without_untranslated_aliases(page.get_translations().live().public())
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


def prepare(page, request, expand=(), redirected_from=None):
    """Loads what the page's schema shows: its template context and expansions."""
    if type(page) not in PAGE_SCHEMAS:
        raise Http404(_("This page has no content for the API."))
    navigation = None
    if "navigation" in expand:
        home = home_of(page)
        navigation = menu(home, request) if home else []
    page._portal_api = {
        "context": page.get_context(request),
        "redirected_from": redirected_from,
        "breadcrumbs": breadcrumbs(page, request) if "breadcrumbs" in expand else None,
        "navigation": navigation,
        "translations": (
            translations(page, request) if "translations" in expand else None
        ),
    }
    return page


# Schemas ------------------------------------------------------------------------


class MunicipalitySchema(Schema):
    code: str
    name: str


class SectorSchema(Schema):
    label: str
    measures: list[PageCardSchema]


def _reader(context):
    return reader_for(context["request"])


def _context(obj):
    return obj._portal_api["context"]


def _paging(page):
    return {
        "page": page.number,
        "num_pages": page.paginator.num_pages,
        "total": page.paginator.count,
    }


class HomePageContentSchema(PortalPageSchema):
    hero_title: str
    hero_text: str
    intro: str
    featured_title: str
    featured: list[PageCardSchema]
    latest_articles: list[PageCardSchema]
    cta_title: str
    cta_text: str
    contact_page: PageLinkSchema | None

    @staticmethod
    def resolve_intro(obj):
        return rich_text(obj.intro)

    @staticmethod
    def resolve_featured(obj, context):
        return _reader(context).cards(_context(obj)["featured_pages"])

    @staticmethod
    def resolve_latest_articles(obj, context):
        return _reader(context).cards(_context(obj)["latest_articles"])

    @staticmethod
    def resolve_contact_page(obj, context):
        return _reader(context).link_or_none(obj.contact_page)


class ArticleIndexPageContentSchema(PortalPageSchema):
    intro: str
    articles: list[PageCardSchema]
    paging: PagingSchema

    @staticmethod
    def resolve_intro(obj):
        return rich_text(obj.intro)

    @staticmethod
    def resolve_articles(obj, context):
        return _reader(context).cards(_context(obj)["articles"])

    @staticmethod
    def resolve_paging(obj):
        return _paging(_context(obj)["articles"])


class ArticlePageContentSchema(PortalPageSchema):
    date: datetime.date
    intro: str
    body: list[BlockSchema]

    @staticmethod
    def resolve_body(obj, context):
        return _reader(context).stream(obj.body, obj)


class ContentPageContentSchema(PortalPageSchema):
    intro: str
    body: list[BlockSchema]

    @staticmethod
    def resolve_body(obj, context):
        return _reader(context).stream(obj.body, obj)


class MeasureIndexPageContentSchema(PortalPageSchema):
    intro: str
    sectors: list[SectorSchema]

    @staticmethod
    def resolve_sectors(obj, context):
        reader = _reader(context)
        return [
            {"label": str(label), "measures": reader.cards(measures)}
            for label, measures in _context(obj)["sectors"]
        ]


class MeasurePageContentSchema(PortalPageSchema):
    code: str
    sector: str
    sector_label: str
    summary: str
    quotes: list[BlockSchema]
    body: list[BlockSchema]
    services: list[PageCardSchema]

    @staticmethod
    def resolve_sector_label(obj):
        return str(obj.get_sector_display())

    @staticmethod
    def resolve_quotes(obj, context):
        return _reader(context).stream(obj.quotes, obj)

    @staticmethod
    def resolve_body(obj, context):
        return _reader(context).stream(obj.body, obj)

    @staticmethod
    def resolve_services(obj, context):
        return _reader(context).cards(_context(obj)["services"])


class ServiceIndexPageContentSchema(PortalPageSchema):
    intro: str
    services: list[PageCardSchema]
    paging: PagingSchema

    @staticmethod
    def resolve_services(obj, context):
        return _reader(context).cards(_context(obj)["services"])

    @staticmethod
    def resolve_paging(obj):
        return _paging(_context(obj)["services"])


def terms(items):
    return [
        {
            "id": item.pk,
            "token": item.slug,
            "title": item.name,
            "description": item.description,
        }
        for item in items
    ]


class ServicePageContentSchema(PortalPageSchema):
    summary: str
    body: list[BlockSchema]
    target_groups: list[TermSchema]
    themes: list[TermSchema]
    school_types: list[TermSchema]
    measures: list[PageCardSchema]
    read_more_url: str
    cta_text: str
    contact_url: str | None = Field(
        description="The contact form with this service chosen."
    )

    @staticmethod
    def resolve_body(obj, context):
        return _reader(context).stream(obj.body, obj)

    @staticmethod
    def resolve_target_groups(obj):
        return terms(obj.target_groups.all())

    @staticmethod
    def resolve_themes(obj):
        return terms(obj.themes.all())

    @staticmethod
    def resolve_school_types(obj):
        return terms(obj.school_types.all())

    @staticmethod
    def resolve_measures(obj, context):
        return _reader(context).cards(_context(obj)["measures"])

    @staticmethod
    def resolve_contact_url(obj):
        return contact_url_for(obj, _context(obj)["request"])


class RegionIndexPageContentSchema(PortalPageSchema):
    intro: str
    offices: list[PageCardSchema]

    @staticmethod
    def resolve_offices(obj, context):
        return _reader(context).cards(_context(obj)["offices"])


class RegionalOfficePageContentSchema(PortalPageSchema):
    description: str
    visiting_address: str
    postal_address: str
    phone: str
    email: str
    website: str
    opening_hours: str
    area_served: str
    municipalities: list[MunicipalitySchema]

    @staticmethod
    def resolve_municipalities(obj):
        return [
            {"code": m.code, "name": m.name} for m in _context(obj)["municipalities"]
        ]


class ContactFormPageContentSchema(PortalPageSchema):
    intro: str
    privacy_text: str
    thank_you_text: str
    fallback_office: PageLinkSchema | None

    @staticmethod
    def resolve_intro(obj):
        return rich_text(obj.intro)

    @staticmethod
    def resolve_privacy_text(obj):
        return rich_text(obj.privacy_text)

    @staticmethod
    def resolve_thank_you_text(obj):
        return rich_text(obj.thank_you_text)

    @staticmethod
    def resolve_fallback_office(obj, context):
        return _reader(context).link_or_none(obj.fallback_office)


PAGE_SCHEMAS = {
    HomePage: HomePageContentSchema,
    ArticleIndexPage: ArticleIndexPageContentSchema,
    ArticlePage: ArticlePageContentSchema,
    MeasureIndexPage: MeasureIndexPageContentSchema,
    MeasurePage: MeasurePageContentSchema,
    ServiceIndexPage: ServiceIndexPageContentSchema,
    ServicePage: ServicePageContentSchema,
    RegionIndexPage: RegionIndexPageContentSchema,
    RegionalOfficePage: RegionalOfficePageContentSchema,
    ContactFormPage: ContactFormPageContentSchema,
    ContentPage: ContentPageContentSchema,
}

# One member per page type, chosen by ``meta.type`` as in Wagtail's own page detail.
PageDetailSchema = build_discriminated_union(list(PAGE_SCHEMAS), PAGE_SCHEMAS.get)
