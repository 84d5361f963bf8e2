"""The API's content schemas of the regional offices."""

from ninja import Schema

from core.api import (
    PageCardSchema,
    PortalPageSchema,
    page_context,
    reader_in,
    register,
)

from .models import RegionalOfficePage, RegionIndexPage


class MunicipalitySchema(Schema):
    code: str
    name: str


def municipalities(items):
    return [{"code": item.code, "name": item.name} for item in items]


@register(RegionIndexPage)
class RegionIndexPageContentSchema(PortalPageSchema):
    intro: str
    offices: list[PageCardSchema]

    @staticmethod
    def resolve_offices(obj, context):
        return reader_in(context).cards(page_context(obj)["offices"])


@register(RegionalOfficePage)
class RegionalOfficePageContentSchema(PortalPageSchema):
    description: str
    visiting_address: str
    postal_address: str
    phone: str
    email: str
    website: str
    opening_hours: str
    area_served: str
    municipalities: list[MunicipalitySchema]

    @staticmethod
    def resolve_municipalities(obj):
        return municipalities(page_context(obj)["municipalities"])
