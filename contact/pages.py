"""The contact page of a language and the fallback office it names.

Offices route by municipality; a municipality no office serves goes to the national
fallback office, which editors choose on the contact page.
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
