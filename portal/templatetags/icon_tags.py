"""Inline SVG icons from Tabler Icons (MIT), copied into static by scripts/frontend.sh.

Inline rather than <img> so that the icons take the text colour (``currentColor``)
and scale with the text; they are decoration, hidden from assistive technology.
"""

import re
from functools import lru_cache

from django import template
from django.contrib.staticfiles import finders
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

ROOT_ATTRIBUTES = re.compile(r'\s(?:width|height|class)="[^"]*"')


@lru_cache(maxsize=64)
def _svg(name):
    path = finders.find(f"vendor/icons/{name}.svg")
    if path is None:
        raise template.TemplateSyntaxError(
            f"Icon {name!r} is missing: list it in frontend/icons.txt and run "
            "`make frontend`."
        )
    with open(path, encoding="utf-8") as handle:
        svg = handle.read().strip()
    opening, rest = svg.split(">", 1)
    return ROOT_ATTRIBUTES.sub("", opening), rest


@register.simple_tag
def icon(name, css_class=""):
    opening, rest = _svg(name)
    classes = f"mee-icon {css_class}".strip()
    attributes = format_html(
        ' class="{}" aria-hidden="true" focusable="false"', classes
    )
    # The SVG is a file from the pinned icon package, never user input.
    return mark_safe(f"{opening}{attributes}>{rest}")  # noqa: S308
