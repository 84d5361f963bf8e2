"""The contact page of a language, the fallback office it names, links to it.

Offices route by municipality; a municipality no office serves goes to the national
fallback office, which editors choose on the contact page. Service pages link here
with the service preselected; services do not know this app, so the link is made
here.
"""

from .models import ContactFormPage


def contact_page_for(locale=None):
    """The live contact page of ``locale``, or of any locale when it has none."""
    pages = ContactFormPage.objects.live().select_related("fallback_office", "locale")
    return (pages.filter(locale=locale).first() if locale else None) or pages.first()


def fallback_office_for(locale=None):
    """The fallback office of the contact page of ``locale`` (or of any)."""
    page = contact_page_for(locale)
    return page.fallback_office if page else None


def contact_url_for(service, request=None):
    """The contact page of the service's language, with the service preselected."""
    page = ContactFormPage.objects.live().filter(locale_id=service.locale_id).first()
    if page is None:
        return None
    return f"{page.get_url(request)}?service={service.pk}"
