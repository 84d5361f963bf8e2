"""The API's content schemas of the home app's page types."""

import datetime

from core.api import (
    PageCardSchema,
    PageLinkSchema,
    PagingSchema,
    PortalPageSchema,
    page_context,
    paging,
    reader_in,
    register,
    rich_text,
    stream_schema,
)

from .models import ArticleIndexPage, ArticlePage, ContentPage, HomePage


@register(HomePage)
class HomePageContentSchema(PortalPageSchema):
    hero_title: str
    hero_text: str
    intro: str
    featured_title: str
    featured: list[PageCardSchema]
    latest_articles: list[PageCardSchema]
    cta_title: str
    cta_text: str
    contact_page: PageLinkSchema | None

    @staticmethod
    def resolve_intro(obj):
        return rich_text(obj.intro)

    @staticmethod
    def resolve_featured(obj, context):
        return reader_in(context).cards(page_context(obj)["featured_pages"])

    @staticmethod
    def resolve_latest_articles(obj, context):
        return reader_in(context).cards(page_context(obj)["latest_articles"])

    @staticmethod
    def resolve_contact_page(obj, context):
        return reader_in(context).link_or_none(obj.contact_page)


@register(ArticleIndexPage)
class ArticleIndexPageContentSchema(PortalPageSchema):
    intro: str
    articles: list[PageCardSchema]
    paging: PagingSchema

    @staticmethod
    def resolve_intro(obj):
        return rich_text(obj.intro)

    @staticmethod
    def resolve_articles(obj, context):
        return reader_in(context).cards(page_context(obj)["articles"])

    @staticmethod
    def resolve_paging(obj):
        return paging(obj, "articles")


@register(ArticlePage)
class ArticlePageContentSchema(PortalPageSchema):
    date: datetime.date
    intro: str
    body: stream_schema(ArticlePage, "body")

    @staticmethod
    def resolve_body(obj, context):
        return reader_in(context).stream(obj.body, obj)


@register(ContentPage)
class ContentPageContentSchema(PortalPageSchema):
    intro: str
    body: stream_schema(ContentPage, "body")

    @staticmethod
    def resolve_body(obj, context):
        return reader_in(context).stream(obj.body, obj)
