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

from django.conf import settings
from django.utils.html import strip_tags
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page
from wagtail_localize.models import StringSegment

from core.translations import is_untranslated_alias, locale_id_for

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


def untranslated(page):
    """The ``Untranslated`` texts of ``page``, worked out once per page instance.

    Pages in the source language and untranslated aliases (whose whole text is
    marked) have none.
    """
    if not isinstance(page, Page):
        return NOTHING
    cached = getattr(page, "_untranslated", None)
    if cached is not None:
        return cached
    result = NOTHING
    source_language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    if not is_untranslated_alias(page) and page.locale_id != locale_id_for(
        source_language
    ):
        segments = (
            StringSegment.objects.filter(source__object_id=page.translation_key)
            .exclude(source__locale_id=page.locale_id)
            .annotate_translation(page.locale_id)
            .select_related("string", "source__locale")
        )
        texts, language = set(), None
        for segment in segments:
            language = segment.source.locale.language_code
            if segment.translation != segment.string.data:
                texts.add(plain(segment.string.data))
        result = Untranslated(frozenset(texts), language)
    page._untranslated = result
    return result
