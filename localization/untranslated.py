"""Which texts a translated page still shows in the source language.

wagtail-localize publishes a translation with the source text wherever a segment is
not translated yet. Templates mark those texts with the source language (``lang``,
WCAG 2.1 SC 3.1.2), so no Dutch is read out as English. A text counts as
untranslated when it is one of the page's source texts and the translation is
missing or says something else; a text translated as itself ("Minister Slob") is
not marked.
"""

import re
from dataclasses import dataclass
from html import unescape

from django.utils.html import strip_tags
from wagtail.models import Page
from wagtail_localize.models import StringSegment, TranslationSource

from .pages import is_untranslated_alias

SPACES = re.compile(r"\s+")


def plain(text):
    """``text`` as a reader sees it: no tags, entities resolved, spaces collapsed."""
    return SPACES.sub(" ", unescape(strip_tags(str(text)))).strip()


@dataclass(frozen=True)
class Untranslated:
    texts: frozenset
    language: str | None

    def language_of(self, text):
        """The source language if ``text`` is shown untranslated, else ``None``."""
        if self.texts and plain(text) in self.texts:
            return self.language
        return None


NOTHING = Untranslated(frozenset(), None)


def source_of(page):
    """The wagtail-localize source ``page`` was translated from, if any."""
    return (
        TranslationSource.objects.filter(object_id=page.translation_key)
        .exclude(locale_id=page.locale_id)
        .select_related("locale")
        .order_by("-last_updated_at")
        .first()
    )


def untranslated(page):
    """The ``Untranslated`` texts of ``page``, worked out once per page instance.

    Untranslated aliases are left out: the whole page shows the source text and is
    marked as a whole.
    """
    if not isinstance(page, Page):
        return NOTHING
    cached = getattr(page, "_untranslated", None)
    if cached is not None:
        return cached
    result = NOTHING
    source = None if is_untranslated_alias(page) else source_of(page)
    if source is not None:
        segments = (
            StringSegment.objects.filter(source=source)
            .annotate_translation(page.locale_id)
            .select_related("string")
        )
        texts = frozenset(
            plain(segment.string.data)
            for segment in segments
            if segment.translation != segment.string.data
        )
        result = Untranslated(texts, source.locale.language_code)
    page._untranslated = result
    return result
