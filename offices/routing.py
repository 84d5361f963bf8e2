"""Postcode -> municipality -> regional office, the routing every caller uses.

The contact form, its live lookup and the JSON API all call ``route``; none of them
repeats the rules.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.versions import PerVersion

from .models import Municipality, PostcodeArea, RegionalOfficePage

_memo = PerVersion(size=4)

# Dutch postcodes never start with 0; SA, SD and SS are not issued as letter pairs.
POSTCODE = re.compile(r"^(?P<digits>[1-9][0-9]{3})(?P<letters>[A-Z]{2})?$")
UNUSED_LETTERS = {"SA", "SD", "SS"}
MUNICIPALITY_CODE = re.compile(r"^GM[0-9]{4}$")


def normalise_postcode(value):
    """``" 9711 ab "`` -> ``"9711AB"``; raises ValidationError for anything else."""
    cleaned = re.sub(r"\s+", "", value or "").upper()
    match = POSTCODE.match(cleaned)
    if not match or match.group("letters") in UNUSED_LETTERS:
        raise ValidationError(
            _("Enter a Dutch postcode: four digits and two letters, e.g. 9711 AB."),
            code="invalid_postcode",
        )
    return cleaned


@dataclass
class Route:
    postcode: str = ""
    municipalities: list = field(default_factory=list)
    office: RegionalOfficePage | None = None
    fallback: bool = False

    @property
    def needs_municipality(self):
        """The school must name its municipality before the request can be routed."""
        return self.office is None


def office_for(municipality, fallback_office):
    return municipality.office or fallback_office


def route_municipalities(municipalities, fallback_office, postcode=""):
    offices = {office_for(m, fallback_office) for m in municipalities}
    office = offices.pop() if len(offices) == 1 else None
    fallback = office is not None and all(m.office_id is None for m in municipalities)
    return Route(postcode, list(municipalities), office, fallback)


def offices():
    """Every regional office by id, read once per content version (offices are
    pages): each request is routed to one, and joining its page to every
    lookup costs more than the lookup."""
    return _memo.get("offices", lambda: RegionalOfficePage.objects.in_bulk())


def with_offices(municipalities):
    known = offices()
    for municipality in municipalities:
        # An office made after the offices were read (a page saved as a draft does not
        # make a new version) is read when it is asked for.
        if (office := known.get(municipality.office_id)) is not None:
            municipality.office = office
    return municipalities


def route_postcode(value, fallback_office):
    postcode = normalise_postcode(value)
    municipalities = with_offices(
        [
            area.municipality
            for area in PostcodeArea.objects.filter(pc4=postcode[:4])
            .select_related("municipality")
            .order_by("-share")
        ]
    )
    return route_municipalities(municipalities, fallback_office, postcode)


def route_municipality(code, fallback_office):
    code = (code or "").strip().upper()
    if not MUNICIPALITY_CODE.match(code):
        raise ValidationError(
            _("Choose a municipality from the list."), code="invalid_code"
        )
    try:
        municipality = Municipality.objects.get(code=code)
    except Municipality.DoesNotExist:
        raise ValidationError(
            _("Choose a municipality from the list."), code="unknown_municipality"
        ) from None
    return route_municipalities(with_offices([municipality]), fallback_office)
