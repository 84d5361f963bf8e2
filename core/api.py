"""What every app's API schemas build on: links, cards, paging, the page base schema.

Each app declares its page types' content schemas in its own ``api.py`` on top of
these and registers them with ``@register(PageModel)``; the ``api`` app finds them
with ``page_schemas()`` and serves them. A ``Reader`` serialises pages for one request
and leaves out links to pages the caller may not see.
"""

import datetime
import functools
import operator
from typing import Annotated, Literal

from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import translation
from django.utils.module_loading import autodiscover_modules
from ninja import Schema
from pydantic import Field, create_model
from wagtail import blocks
from wagtail.api.utils import get_full_url
from wagtail.api.v3.schemas import PageMetaSchema, PageSchema
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.rich_text import expand_db_html

from core.links import active_locale, links_in_language
from core.media import ImageDataSchema, image_data
from core.navigation import is_public, restricted_paths, summary_of
from core.paging import PagingSchema  # noqa: F401 the apps' schemas use it

# The url_name of every operation of the portal's read routers starts with this.
URL_NAME_PREFIX = "portal_"

# {page model: its content schema}, filled by the apps' ``api.py`` modules.
_page_schemas = {}


def register(model):
    """Class decorator: the schema is the API content of pages of ``model``.

    An app that may use the registering app can register a subclass of its schema
    in its place, to add a field the registering app cannot know.
    """

    def decorator(schema):
        registered = _page_schemas.get(model)
        if registered is not None and not issubclass(schema, registered):
            raise ImproperlyConfigured(
                f"{model.__name__} already has the API schema {registered.__name__}; "
                f"{schema.__name__} may only replace it by extending it."
            )
        _page_schemas[model] = schema
        return schema

    return decorator


def page_schemas():
    """``{page model: content schema}`` of every page type an app registered.

    Imports each installed app's ``api`` module, as Wagtail does ``wagtail_hooks``.
    """
    autodiscover_modules("api")
    return dict(_page_schemas)


class Reader:
    """Serialises pages for one request; knows which pages the caller may see."""

    def __init__(self, request):
        self.request = request
        self.restricted_paths = restricted_paths()
        self._page_links = {}

    def is_public(self, page):
        return is_public(page, self.restricted_paths)

    def public(self, pages):
        return [page for page in pages if self.is_public(page)]

    def link(self, page):
        return {
            "id": page.pk,
            "title": page.title,
            "type": page.specific_class._meta.label,
            "url": page.get_url(self.request),
            "api_url": api_url(page),
        }

    def link_or_none(self, page):
        return self.link(page) if self.is_public(page) else None

    def card(self, page):
        return {
            **self.link(page),
            "summary": summary_of(page),
            "date": getattr(page, "date", None),
            "code": getattr(page, "code", None),
        }

    def cards(self, pages):
        return [self.card(page) for page in self.public(pages)]

    def stream(self, value, page=None):
        """A StreamField as typed blocks: ``[{"type", "id", "value"}]``.

        Page links and links in rich text go to the page in the language of ``page``
        (the page the field belongs to), as on the HTML site.
        """
        locale = page.locale if page else active_locale()
        chosen = list(_chosen_pages(value.stream_block, value))
        self._page_links = dict(
            zip(
                [chosen_page.pk for chosen_page in chosen],
                links_in_language(chosen, locale),
                strict=True,
            )
        )
        with translation.override(locale.language_code):
            return self.block(value.stream_block, value)

    def page_link(self, page):
        target = self._page_links.get(page.pk)
        if target is None or not self.is_public(target.page):
            return None
        # The language of the linked page, so front ends can mark it (hreflang).
        return {**self.link(target.page), "locale": target.language}

    def block(self, block, value):
        if isinstance(block, blocks.StreamBlock):
            return [
                {
                    "type": child.block.name,
                    "id": child.id,
                    "value": self.block(child.block, child.value),
                }
                for child in value
            ]
        if isinstance(block, blocks.StructBlock) and not isinstance(block, ImageBlock):
            return {
                name: self.block(child, value.get(name))
                for name, child in block.child_blocks.items()
            }
        if isinstance(block, blocks.ListBlock):
            return [self.block(block.child_block, item) for item in value]
        if value is None:
            return None
        if isinstance(block, ImageBlock | ImageChooserBlock):
            return image_data(value)
        if isinstance(block, blocks.PageChooserBlock):
            return self.page_link(value)
        if isinstance(block, blocks.RichTextBlock):
            return expand_db_html(value.source)
        return block.get_api_representation(value, {"request": self.request})


def _chosen_pages(block, value):
    """Every page chosen in a block value, at any depth."""
    if value is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from _chosen_pages(child.block, child.value)
    elif isinstance(block, blocks.StructBlock) and not isinstance(block, ImageBlock):
        for name, child in block.child_blocks.items():
            yield from _chosen_pages(child, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from _chosen_pages(block.child_block, item)
    elif isinstance(block, blocks.PageChooserBlock):
        yield value


def reader_for(request):
    if not hasattr(request, "_portal_api_reader"):
        request._portal_api_reader = Reader(request)
    return request._portal_api_reader


def api_url(page):
    name = f"wagtailapi_v3:{URL_NAME_PREFIX}page_detail"
    return reverse(name, kwargs={"page_id": page.pk})


def absolute_url(request, path):
    """``path`` on the public base URL (``PORTAL_BASE_URL``), as Wagtail's API makes
    its ``detail_url``: never the Site record's host without its port."""
    return get_full_url(request, path)


def reader_in(context):
    """The Reader of the request a schema resolver is serialising for."""
    return reader_for(context["request"])


def page_context(obj):
    """The page's template context: the API shows what its template shows."""
    return obj._portal_api["context"]


def paging(obj, name):
    """The paging of the list ``name`` of the page's context (``api.pages.prepare``)."""
    return obj._portal_api["paging"][name]


def rich_text(value):
    return expand_db_html(value) if value else ""


def _is_none(value):
    return value is None


class PageLinkSchema(Schema):
    id: int
    title: str
    type: str = Field(description="The page type, e.g. `services.ServicePage`.")
    url: str | None = Field(description="The public URL, e.g. `/nl/diensten/`.")
    api_url: str = Field(description="This page in `GET /api/v3/content/pages/{id}/`.")


class PageCardSchema(PageLinkSchema):
    summary: str
    date: datetime.date | None = None
    code: str | None = None


class NavItemSchema(PageLinkSchema):
    children: list["NavItemSchema"]


class TranslationSchema(PageLinkSchema):
    locale: str


class TranslationsSchema(Schema):
    items: list[TranslationSchema] = Field(
        description="Live translations of the page in other locales."
    )
    homes: dict[str, PageLinkSchema] = Field(
        description="Each locale's home page, for locales without a translation."
    )


class RedirectedFromSchema(Schema):
    path: str
    permanent: bool


class LinkedPageSchema(PageLinkSchema):
    locale: str = Field(description="The linked page's language, for `hreflang`.")


# {block class: the schema of its value (of one item, for a stream)}, so that a
# block used in several places is one component of the OpenAPI document.
_value_schemas = {}


def block_value_schema(block):
    """The type of ``Reader.block``'s answer for ``block``: what a front end gets."""
    if isinstance(block, blocks.StreamBlock):
        return list[stream_item_schema(block)]
    if isinstance(block, blocks.ListBlock):
        return list[block_value_schema(block.child_block)]
    if isinstance(block, ImageBlock | ImageChooserBlock):
        return ImageDataSchema | None
    if isinstance(block, blocks.PageChooserBlock):
        # None where the page is not public (or gone).
        return LinkedPageSchema | None
    if isinstance(block, EmbedBlock):
        return str | None
    if isinstance(block, blocks.StructBlock):
        schema = _value_schemas.get(type(block))
        if schema is None:
            fields = {
                name: (block_value_schema(child), ...)
                for name, child in block.child_blocks.items()
            }
            schema = create_model(f"{type(block).__name__}Value", **fields)
            _value_schemas[type(block)] = schema
        return schema
    if isinstance(block, blocks.ChoiceBlock):
        values = tuple(str(value) for value, _label in block.field.choices if value)
        kind = Literal[values] if values else str
        return kind if block.required else kind | None
    kinds = {
        blocks.BooleanBlock: bool,
        blocks.IntegerBlock: int,
        blocks.FloatBlock: float,
        blocks.DecimalBlock: float,
        blocks.DateBlock: datetime.date,
        blocks.DateTimeBlock: datetime.datetime,
        blocks.TimeBlock: datetime.time,
        blocks.FieldBlock: str,
    }
    kind = next(kind for base, kind in kinds.items() if isinstance(block, base))
    return kind if block.required else kind | None


def stream_item_schema(stream_block, stem=None):
    """One of the blocks of ``stream_block``: ``{type, id, value}``, typed by ``type``.

    Named after the stream block's class, or ``stem`` for a field's own stream.
    """
    key = stem or type(stream_block)
    known = _value_schemas.get(key)
    if known is not None:
        return known
    stem = stem or type(stream_block).__name__.removesuffix("StreamBlock")
    members = [
        create_model(
            f"{stem}{name.title().replace('_', '')}Block",
            __base__=Schema,
            type=(Literal[name], ...),
            id=(str | None, ...),
            value=(block_value_schema(child), ...),
        )
        for name, child in stream_block.child_blocks.items()
    ]
    any_member = functools.reduce(operator.or_, members)
    union = Annotated[any_member, Field(discriminator="type")]
    _value_schemas[key] = union
    return union


def stream_schema(model, field_name):
    """The type of the StreamField ``field_name`` of ``model`` in a content schema."""
    stream_block = model._meta.get_field(field_name).stream_block
    stem = None
    if type(stream_block) is blocks.StreamBlock:
        stem = f"{model.__name__}{field_name.title().replace('_', '')}"
    return list[stream_item_schema(stream_block, stem)]


class TermSchema(Schema):
    id: int
    token: str = Field(description="The slug or code; the same in every locale.")
    title: str
    description: str = ""


class PortalPageMetaSchema(PageMetaSchema):
    url: str | None = None
    api_url: str
    locale: str
    last_published_at: datetime.datetime | None = None

    @staticmethod
    def resolve_url(obj, context):
        return obj.get_url(context["request"])

    @staticmethod
    def resolve_api_url(obj, context):
        return api_url(obj)

    @staticmethod
    def resolve_html_url(obj, context):
        request = context["request"]
        url = obj.get_url(request)
        return absolute_url(request, url) if url else None


class PortalPageSchema(PageSchema):
    meta: PortalPageMetaSchema
    redirected_from: RedirectedFromSchema | None = Field(
        None,
        exclude_if=_is_none,
        description="Set by `resolve` when the path was an editor's redirect.",
    )
    breadcrumbs: list[PageLinkSchema] | None = Field(None, exclude_if=_is_none)
    navigation: list[NavItemSchema] | None = Field(None, exclude_if=_is_none)
    translations: TranslationsSchema | None = Field(None, exclude_if=_is_none)

    @staticmethod
    def resolve_redirected_from(obj):
        return obj._portal_api["redirected_from"]

    @staticmethod
    def resolve_breadcrumbs(obj):
        return obj._portal_api["breadcrumbs"]

    @staticmethod
    def resolve_navigation(obj):
        return obj._portal_api["navigation"]

    @staticmethod
    def resolve_translations(obj):
        return obj._portal_api["translations"]
