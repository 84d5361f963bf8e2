"""What a front end needs before its first page: names, locales, footer."""

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Schema
from wagtail.api.utils import get_base_url
from wagtail.models import Site

from api.locales import LocaleSchema, locale_entries
from api.problems import URL_NAME_PREFIX, responses
from core.api import PageLinkSchema, reader_for, stream_schema
from core.models import FooterSettings
from home.models import HomePage

from . import read_router

router = read_router("site")


class SiteLocaleSchema(LocaleSchema):
    contact_page: PageLinkSchema | None
    search_url: str


class FooterSchema(Schema):
    organisation: str
    address: str
    phone: str
    email: str
    social_links: stream_schema(FooterSettings, "social_links")
    privacy_page: PageLinkSchema | None
    accessibility_page: PageLinkSchema | None
    colophon_page: PageLinkSchema | None


class SiteBootstrapSchema(Schema):
    name: str
    root_url: str
    default_locale: str
    locales: list[SiteLocaleSchema]
    footer: FooterSchema


def contact_page_of(home):
    """The home page's contact page, in the home page's language."""
    contact = home.contact_page
    if contact and contact.locale_id != home.locale_id:
        contact = contact.get_translation_or_none(home.locale)
    return contact


def search_url(code):
    with translation.override(code):
        return reverse("search")


@router.get(
    "/",
    response=responses(SiteBootstrapSchema, 404),
    url_name=f"{URL_NAME_PREFIX}site",
    summary="Site bootstrap",
    operation_id="portal_site",
)
def site(request):
    """The site's name, its locales with their home, contact and search pages, and
    the footer settings."""
    current = Site.find_for_request(request)
    if current is None:
        raise Http404(_("No site answers on this host."))
    reader = reader_for(request)
    home_pages = HomePage.by_language()
    locales = []
    for entry in locale_entries(request, home_pages):
        home = home_pages.get(entry["code"])
        contact = contact_page_of(home) if home else None
        locales.append(
            {
                **entry,
                "contact_page": reader.link_or_none(contact),
                "search_url": search_url(entry["code"]),
            }
        )
    footer = FooterSettings.for_request(request)
    return {
        "name": current.site_name or settings.WAGTAIL_SITE_NAME,
        "root_url": get_base_url(request),
        "default_locale": next(
            (e["code"] for e in locales if e["is_default"]), settings.LANGUAGE_CODE
        ),
        "locales": locales,
        "footer": {
            "organisation": footer.organisation,
            "address": footer.address,
            "phone": footer.phone,
            "email": footer.email,
            "social_links": reader.stream(footer.social_links),
            "privacy_page": reader.link_or_none(footer.privacy_page),
            "accessibility_page": reader.link_or_none(footer.accessibility_page),
            "colophon_page": reader.link_or_none(footer.colophon_page),
        },
    }


@router.get(
    "/locales/",
    response=list[LocaleSchema],
    url_name=f"{URL_NAME_PREFIX}locales",
    summary="Content languages",
    operation_id="portal_locales",
)
def locales(request):
    """Every locale the site has content in; `home` is null until the locale has a
    live home page."""
    return locale_entries(request, HomePage.by_language())
