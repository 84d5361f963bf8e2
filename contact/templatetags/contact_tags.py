from django import template

from contact.finder import find_office as find
from contact.pages import contact_url_for

register = template.Library()


@register.simple_tag(takes_context=True)
def find_office(context, page, current_office=None):
    """The "Vind uw MEE" answer for the request's ``?postcode=`` on ``page``."""
    return find(context["request"], page.locale, current_office)


@register.simple_tag(takes_context=True)
def contact_url(context, service):
    """The contact form with ``service`` preselected, in the service's language."""
    return contact_url_for(service, context.get("request"))
