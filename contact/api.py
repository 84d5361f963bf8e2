"""The API's content schema of the contact page, and the contact link of a service."""

from pydantic import Field

from core.api import (
    PageLinkSchema,
    PortalPageSchema,
    page_context,
    reader_in,
    register,
    rich_text,
)
from services import api as services_api
from services.models import ServicePage

from .models import ContactFormPage
from .pages import contact_url_for


@register(ContactFormPage)
class ContactFormPageContentSchema(PortalPageSchema):
    intro: str
    privacy_text: str
    thank_you_text: str
    fallback_office: PageLinkSchema | None

    @staticmethod
    def resolve_intro(obj):
        return rich_text(obj.intro)

    @staticmethod
    def resolve_privacy_text(obj):
        return rich_text(obj.privacy_text)

    @staticmethod
    def resolve_thank_you_text(obj):
        return rich_text(obj.thank_you_text)

    @staticmethod
    def resolve_fallback_office(obj, context):
        return reader_in(context).link_or_none(obj.fallback_office)


# Services may not import contact: the link to the contact form is added here.
@register(ServicePage)
class ServicePageContentSchema(services_api.ServicePageContentSchema):
    contact_url: str | None = Field(
        description="The contact form with this service chosen."
    )

    @staticmethod
    def resolve_contact_url(obj):
        return contact_url_for(obj, page_context(obj)["request"])
