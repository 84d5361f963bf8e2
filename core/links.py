"""Links to pages, in the reader's language.

A block stores the page an editor chose, usually in Dutch; wagtail-localize copies
that choice into every translation as it is. When the link is shown (HTML and API
alike) it goes to the page's live translation in the reader's language, or, where
there is none yet, to the page in the language it exists in, marked with that
language so readers and screen readers know (WCAG 2.1 SC 3.1.2).
"""

from dataclasses import dataclass

from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from core.translations import (
    locale_for,
    untranslated_alias_language,
    without_untranslated_aliases,
)
from core.versions import PerVersion

_memo = PerVersion(size=1024)


@dataclass(frozen=True)
class PageLink:
    page: Page
    # The language of the page's text (and so of its title).
    language: str
    # Whether that is not the reader's language: the link carries hreflang.
    foreign: bool


def links_in_language(pages, locale):
    """A ``PageLink`` per page of ``pages`` for readers of ``locale``.

    ``None`` where neither the page nor its translation is live. Pages already in
    ``locale`` cost no query; the others one for all their translations.
    """
    chosen = _mirrored(pages)
    elsewhere = [
        page
        for page in chosen
        if page is not None and (page.locale_id != locale.pk or not page.live)
    ]
    translations = {}
    if elsewhere:
        translations = {
            page.translation_key: page
            for page in without_untranslated_aliases(
                Page.objects.filter(
                    translation_key__in={page.translation_key for page in elsewhere},
                    locale=locale,
                ).live()
            )
        }
    untranslated = {
        page.locale_id
        for page in elsewhere
        if page.translation_key not in translations and page.live
    }
    languages = dict(
        Locale.objects.filter(pk__in=untranslated).values_list("pk", "language_code")
        if untranslated
        else ()
    )
    links = []
    for page in chosen:
        if page is None:
            links.append(None)
        elif page.locale_id == locale.pk and page.live:
            links.append(PageLink(page, locale.language_code, foreign=False))
        elif (translation := translations.get(page.translation_key)) is not None:
            links.append(PageLink(translation, locale.language_code, foreign=False))
        elif page.live:
            links.append(PageLink(page, languages[page.locale_id], foreign=True))
        else:
            links.append(None)
    return links


def _mirrored(pages):
    """``pages`` with each synchronised alias replaced by the page whose text it
    shows: one query for all, where ``is_untranslated_alias`` costs one a page."""
    alias_of_ids = {page.alias_of_id for page in pages if page and page.alias_of_id}
    originals = Page.objects.in_bulk(alias_of_ids) if alias_of_ids else {}
    mirrored = []
    for page in pages:
        original = originals.get(page.alias_of_id) if page else None
        if original is not None and original.locale_id != page.locale_id:
            page = original
        mirrored.append(page)
    return mirrored


def active_locale():
    """The content locale of the request, or the source locale outside one
    (``Locale.get_active()``, without its query per call)."""
    try:
        code = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        code = None
    return locale_for(code) or Locale.get_default()


def memoized(key, compute):
    """``compute()`` once per content version: link targets are content."""
    return _memo.get(key, compute)


def shown_links(links, context):
    """``LinkBlock`` values as a template shows them on the page in ``context``.

    Each is a dict of ``href``, ``text``, ``lang`` (the language of the text where it
    is not that of the text around it) and ``hreflang`` (where the page is not in
    the reader's language). Links to pages with nothing live are left out.
    """
    page = context.get("page")
    locale = page.locale if isinstance(page, Page) else active_locale()
    around = untranslated_alias_language(page) or locale.language_code
    pages = [link["page"] for link in links if link["page"]]
    targets = iter(
        memoized(
            ("block_links", tuple(page.pk for page in pages), locale.pk),
            lambda: links_in_language(pages, locale),
        )
    )
    shown = []
    for link in links:
        if not link["page"]:
            shown.append(
                {
                    "href": link["url"],
                    "text": link["text"],
                    "lang": None,
                    "hreflang": None,
                }
            )
            continue
        target = next(targets)
        if target is None:
            continue
        title_language = None if link["text"] else target.language
        shown.append(
            {
                "href": target.page.get_url(context.get("request")),
                "text": link["text"] or target.page.title,
                "lang": title_language if title_language != around else None,
                "hreflang": target.language if target.foreign else None,
            }
        )
    return shown
