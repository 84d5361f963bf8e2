"""The "Vind uw MEE" postcode box: home page, region index and office pages.

The box asks the routing every caller uses (``offices.routing``), with the fallback
office of the contact page, so it lives here rather than in ``offices``. With JavaScript
the page asks the JSON API as the school types; without it the box submits to the
page, which answers here. Either way no office is named that routing would not pick.
"""

from django.core.exceptions import ValidationError

from offices.routing import office_for, route_postcode

from .pages import fallback_office_for


def _shown(office, locale):
    return office.get_translation_or_none(locale) or office


def find_office(request, locale, current_office=None):
    """The answer to ``?postcode=`` for the page in ``locale``; None without one.

    ``offices`` pairs every municipality of the postcode with the office serving it
    (one pair for most postcodes), ``error`` is the translated reason the postcode
    was refused, ``serves`` whether ``current_office`` is the one that helps.
    """
    value = request.GET.get("postcode", "")
    if not value.strip():
        return None
    fallback = fallback_office_for(locale)
    try:
        route = route_postcode(value, fallback)
    except ValidationError as error:
        return {"value": value, "error": error.messages[0]}
    offices = [
        (municipality, _shown(office_for(municipality, fallback), locale))
        for municipality in route.municipalities
    ]
    office = _shown(route.office, locale) if route.office else None
    return {
        "value": value,
        "postcode": f"{route.postcode[:4]} {route.postcode[4:]}".strip(),
        "office": office,
        "offices": offices,
        "serves": bool(
            office
            and current_office
            and office.translation_key == current_office.translation_key
        ),
    }
