"""Marking text that a translated page still shows in the source language."""

from bs4 import BeautifulSoup
from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.templatetags.wagtailcore_tags import richtext

from core.translations import untranslated_alias_language
from localization.untranslated import untranslated

register = template.Library()

# Rich text is translated per block element (wagtail-localize's segments).
TEXT_ELEMENTS = ["p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote"]


@register.simple_tag(takes_context=True)
def lang_if_untranslated(context, text):
    """`` lang="nl"`` for a text the page shows untranslated; nothing otherwise."""
    language = untranslated(context.get("page")).language_of(text or "")
    return format_html(' lang="{}"', language) if language else ""


@register.simple_tag
def lang_of_alias(page):
    """`` lang="nl"`` for a listed page that is an untranslated alias (it shows its
    source's text); nothing otherwise. Translated pages cost no query."""
    language = untranslated_alias_language(page)
    return format_html(' lang="{}"', language) if language else ""


@register.simple_tag(takes_context=True)
def richtext_marked(context, value):
    """The ``richtext`` filter, with untranslated paragraphs and items marked."""
    html = richtext(value)
    marks = untranslated(context.get("page"))
    if not marks.texts:
        return html
    soup = BeautifulSoup(str(html), "html.parser")
    marked = False
    for element in soup.find_all(TEXT_ELEMENTS):
        if language := marks.language_of(element.get_text()):
            element["lang"] = language
            marked = True
    # Safe: the soup holds the rich text Wagtail already rendered safe, plus only
    # lang attributes from locale codes; serialising it escapes text and attributes.
    return mark_safe(str(soup)) if marked else html  # noqa: S308
