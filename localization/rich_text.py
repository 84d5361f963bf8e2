"""Page links in rich text, by the rule of ``core.links``.

Imported by the hooks only: Wagtail's page link handler needs the app registry.
"""

from django.utils.html import format_html
from wagtail.rich_text.pages import PageLinkHandler

from core.links import active_locale, links_in_language


class LocalizedPageLinkHandler(PageLinkHandler):
    """Page links in rich text by the same rule as those in blocks.

    Wagtail's own handler links to the page in the active language even where that
    is an alias still showing the Dutch text.
    """

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        links = links_in_language(cls.get_many(attrs_list), active_locale())
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
