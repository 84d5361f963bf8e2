"""The contact page of a language, the fallback office it names, links to it.

Offices route by municipality; a municipality no office serves goes to the national
fallback office, which editors choose on the contact page. Service pages link here
with the service preselected; services do not know this app, so the link is made
here.
"""

from core.versions import PerVersion

from .models import ContactFormPage

_memo = PerVersion(size=16)


def contact_page_for(locale=None):
    """The live contact page of ``locale``, or of any locale when it has none.

    Read once per content version: service pages link to it and every post of the
    form asks for its fallback office.
    """
    return _page(getattr(locale, "pk", None))


def _page(locale_id):
    return _memo.get(("contact_page", locale_id), lambda: _read(locale_id))


def _read(locale_id):
    pages = ContactFormPage.objects.live().select_related("fallback_office", "locale")
    return (pages.filter(locale_id=locale_id).first() if locale_id else None) or (
        pages.first()
    )


def fallback_office_for(locale=None):
    """The fallback office of the contact page of ``locale`` (or of any)."""
    page = contact_page_for(locale)
    return page.fallback_office if page else None


def contact_url_for(service, request=None):
    """The contact page of the service's language, with the service preselected."""
    page = contact_page_for_locale_id(service.locale_id)
    if page is None:
        return None
    return f"{page.get_url(request)}?service={service.pk}"


def contact_page_for_locale_id(locale_id):
    """The live contact page of the locale with ``locale_id`` only, or None."""
    page = _page(locale_id)
    return page if page is not None and page.locale_id == locale_id else None
