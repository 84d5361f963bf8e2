"""The API's content schemas of measures and services."""

from ninja import Schema

from core.api import (
    PageCardSchema,
    PagingSchema,
    PortalPageSchema,
    TermSchema,
    page_context,
    paging,
    reader_in,
    register,
    stream_schema,
)

from .models import MeasureIndexPage, MeasurePage, ServiceIndexPage, ServicePage


class SectorSchema(Schema):
    label: str
    measures: list[PageCardSchema]


@register(MeasureIndexPage)
class MeasureIndexPageContentSchema(PortalPageSchema):
    intro: str
    sectors: list[SectorSchema]

    @staticmethod
    def resolve_sectors(obj, context):
        reader = reader_in(context)
        return [
            {"label": str(label), "measures": reader.cards(measures)}
            for label, measures in page_context(obj)["sectors"]
        ]


@register(MeasurePage)
class MeasurePageContentSchema(PortalPageSchema):
    code: str
    sector: str
    sector_label: str
    summary: str
    quotes: stream_schema(MeasurePage, "quotes")
    body: stream_schema(MeasurePage, "body")
    services: list[PageCardSchema]

    @staticmethod
    def resolve_sector_label(obj):
        return str(obj.get_sector_display())

    @staticmethod
    def resolve_quotes(obj, context):
        return reader_in(context).stream(obj.quotes, obj)

    @staticmethod
    def resolve_body(obj, context):
        return reader_in(context).stream(obj.body, obj)

    @staticmethod
    def resolve_services(obj, context):
        return reader_in(context).cards(page_context(obj)["services"])


@register(ServiceIndexPage)
class ServiceIndexPageContentSchema(PortalPageSchema):
    intro: str
    services: list[PageCardSchema]
    paging: PagingSchema

    @staticmethod
    def resolve_services(obj, context):
        return reader_in(context).cards(page_context(obj)["services"])

    @staticmethod
    def resolve_paging(obj):
        return paging(obj, "services")


def terms(items):
    return [
        {
            "id": item.pk,
            "token": item.slug,
            "title": item.name,
            "description": item.description,
        }
        for item in items
    ]


@register(ServicePage)
class ServicePageContentSchema(PortalPageSchema):
    summary: str
    body: stream_schema(ServicePage, "body")
    target_groups: list[TermSchema]
    themes: list[TermSchema]
    school_types: list[TermSchema]
    measures: list[PageCardSchema]
    read_more_url: str
    cta_text: str

    @staticmethod
    def resolve_body(obj, context):
        return reader_in(context).stream(obj.body, obj)

    @staticmethod
    def resolve_target_groups(obj):
        return terms(obj.target_groups.all())

    @staticmethod
    def resolve_themes(obj):
        return terms(obj.themes.all())

    @staticmethod
    def resolve_school_types(obj):
        return terms(obj.school_types.all())

    @staticmethod
    def resolve_measures(obj, context):
        return reader_in(context).cards(page_context(obj)["measures"])
