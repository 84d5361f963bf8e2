from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language_info
from wagtail.models import Locale, Page

from core import navigation
from core.translations import (
    is_untranslated_alias,
    translated_versions,
    untranslated_alias_language,
)
from core.versions import PerVersion

register = template.Library()
_memo = PerVersion(size=64)


def _home_for(context):
    """The home page of the page being shown, or of the active language elsewhere."""
    from home.models import HomePage

    page = context.get("page")
    if isinstance(page, HomePage):
        return page
    homes = HomePage.by_language().values()
    if isinstance(page, Page) and page.depth >= 2:
        # The home pages of every language, read once per content version.
        home = next((h for h in homes if page.path.startswith(h.path)), None)
        return home or HomePage.objects.ancestor_of(page).first()
    return (
        HomePage.by_language().get(translation.get_language())
        or HomePage.objects.filter(locale=Locale.get_active()).first()
    )


@register.inclusion_tag("includes/site_header.html", takes_context=True)
def site_header(context):
    home = _home_for(context)
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    menu = navigation.menu(home) if home else []
    items = [
        {
            "page": item.page,
            "current": "page"
            if item.page.path == current_path
            else ("true" if current_path.startswith(item.page.path) else ""),
        }
        for item in menu
    ]
    return {
        "request": context.get("request"),
        "home": home,
        "menu": items,
        "languages": context.get("languages", []),
    }


@register.simple_tag(takes_context=True)
def home_contact_page(context):
    """The contact page the shown page's home page links to (kept with the home
    pages for the content version), or None."""
    home = _home_for(context)
    return home.contact_page if home else None


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The API's breadcrumbs: live ancestors only, a draft has no page to link to."""
    page = context.get("page")
    ancestors = []
    # A home page has no ancestors to show: no query.
    if isinstance(page, Page) and page.depth > 2:
        ancestors = navigation.breadcrumbs(page)
    return {"request": context.get("request"), "ancestors": ancestors, "page": page}


@register.filter
def summary(page):
    """The text ``page`` is listed with on cards, as in the API's listings."""
    return navigation.summary_of(page)


@register.simple_tag(takes_context=True)
def page_languages(context):
    """The languages the site is published in, each with where its link goes.

    For a page, the link is its live translation; where there is none, the
    language's home page, marked ``translated: False`` so the switcher can say so.
    Elsewhere (search) the same URL with the other language prefix.
    """
    from home.models import HomePage

    request = context.get("request")
    page = context.get("page")
    homes = HomePage.by_language()
    if isinstance(page, HomePage):
        # A home page's translations are the other home pages: no query.
        versions = {
            code: home
            for code, home in homes.items()
            if home.translation_key == page.translation_key
            and not is_untranslated_alias(home)
        }
    elif isinstance(page, Page):
        versions = translated_versions(page)
    else:
        versions = None
    active = translation.get_language()
    languages = []
    for code, name in settings.LANGUAGES:
        if code not in homes:
            continue
        if versions is None:
            url = translate_url(request.get_full_path(), code)
            absolute_url, translated = request.build_absolute_uri(url), True
        else:
            target = versions.get(code) or homes[code]
            url, absolute_url = target.get_url(request), target.get_full_url(request)
            translated = code in versions
        languages.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "absolute_url": absolute_url,
                "translated": translated,
                "current": code == active,
                "is_default": code == settings.LANGUAGE_CODE,
                "bidi": get_language_info(code)["bidi"],
            }
        )
    return languages


@register.simple_tag
def source_language(page):
    """The language of the text an untranslated alias shows, or ``None``."""
    code = untranslated_alias_language(page)
    if code is None:
        return None
    return {"code": code, "name": get_language_info(code)["name_translated"]}


@register.simple_tag
def footer_statements(footer):
    """``[(label, page)]``: the footer's statements, in the reader's language where
    translated. One query for all three, whichever language the settings chose,
    once per content version (the settings and the pages are content).
    """
    language = translation.get_language()
    key = ("footer_statements", footer.pk, language)
    return _memo.get(key, lambda: _footer_statements(footer, language))


def _footer_statements(footer, language):
    from django.utils.translation import gettext as _

    labels = {
        footer.privacy_page_id: _("Privacy statement"),
        footer.accessibility_page_id: _("Accessibility statement"),
        footer.colophon_page_id: _("Colophon"),
    }
    labels.pop(None, None)
    chosen = Page.objects.filter(pk__in=labels).values("translation_key")
    # Not .public(): its view-restriction lookup is a query on every page, and these
    # statements are public by law; a restricted one would ask for a login.
    pages = Page.objects.live().filter(translation_key__in=chosen)
    pages = list(pages.select_related("locale").order_by("path"))
    keys = {page.translation_key: page.pk for page in pages if page.pk in labels}
    shown = {}
    for page in pages:
        if page.locale.language_code == language or (
            page.pk in labels and page.translation_key not in shown
        ):
            shown[page.translation_key] = page
    return [(labels[pk], shown[key]) for key, pk in keys.items()]


@register.simple_tag
def contact_page():
    """The live contact page of the active language (or of any language)."""
    from contact.pages import contact_page_for

    return contact_page_for(Locale.get_active())
