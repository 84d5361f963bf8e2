"""The "Vind uw MEE" postcode box: home page, region index and office pages.

The box asks the routing every caller uses (``contact.routing``). With JavaScript
the page asks the JSON API as the school types; without it the box submits to the
page, which answers here. Either way no office is named that routing would not pick.
"""

from django.core.exceptions import ValidationError

from .routing import fallback_office_for, office_for, route_postcode


def _shown(office, locale):
    return office.get_translation_or_none(locale) or office


def find_office(request, locale):
    """The answer to ``?postcode=`` for the page in ``locale``; None without one.

    ``offices`` pairs every municipality of the postcode with the office serving it
    (one pair for most postcodes), ``error`` is the translated reason the postcode
    was refused.
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
    return {
        "value": value,
        "postcode": f"{route.postcode[:4]} {route.postcode[4:]}".strip(),
        "office": _shown(route.office, locale) if route.office else None,
        "offices": offices,
    }
