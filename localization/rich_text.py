"""Page links in rich text, by the rule of ``core.links``.

Imported by the hooks only: Wagtail's page link handler needs the app registry.
"""

from django.utils.html import format_html
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from core.links import active_locale, links_in_language, memoized


class LocalizedPageLinkHandler(PageLinkHandler):
    """Page links in rich text by the same rule as those in blocks.

    Wagtail's own handler links to the page in the active language even where that
    is an alias still showing the Dutch text.
    """

    @classmethod
    def get_many(cls, attrs_list):
        # The links need a page's URL, title, locale and liveness only: no query per
        # page type for the specific pages, as Wagtail's handler makes.
        ids = [attrs.get("id") for attrs in attrs_list]
        pages = Page.objects.filter(id__in=ids).defer_streamfields()
        by_id = {str(page.pk): page for page in pages}
        return [by_id.get(str(id_)) for id_ in ids]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        """The opening tags, once per content version for a field's set of links
        and the reader's language (a page shows several rich-text fields)."""
        locale = active_locale()
        key = (
            "rich_text_links",
            tuple(str(attrs.get("id")) for attrs in attrs_list),
            locale.pk,
        )
        return memoized(key, lambda: cls._expand(attrs_list, locale))

    @classmethod
    def _expand(cls, attrs_list, locale):
        links = links_in_language(cls.get_many(attrs_list), locale)
        return [
            "<a>"
            if link is None
            else format_html(
                '<a href="{}" hreflang="{}">', link.page.url, link.language
            )
            if link.foreign
            else format_html('<a href="{}">', link.page.url)
            for link in links
        ]
