"""Contact routing for front ends: the same ``contact.routing`` the form uses."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Schema
from wagtail.models import Locale

from api.problems import problem
from contact.routing import fallback_office_for, route_municipality, route_postcode

router = Router(tags=["contact"])


class MunicipalitySchema(Schema):
    code: str
    name: str


class OfficeSchema(Schema):
    name: str
    url: str | None


class RouteSchema(Schema):
    postcode: str | None
    municipalities: list[MunicipalitySchema]
    office: OfficeSchema | None


class ProblemSchema(Schema):
    type: str
    title: str
    status: int
    detail: str


def _locale(code):
    return Locale.objects.filter(language_code=code).first() if code else None


@router.get(
    "/route/",
    response={200: RouteSchema, 400: ProblemSchema},
    url_name="contact_route",
    summary="Which MEE office serves a postcode or municipality",
    operation_id="contact_route",
)
def route(
    request,
    postcode: str | None = None,
    municipality: str | None = None,
    locale: str | None = None,
):
    """Give ``postcode`` (``9711AB``, ``9711 ab`` or ``9711``) or ``municipality``
    (a CBS code such as ``GM0014``). ``office`` is null when the school must choose
    its municipality first: the postcode spans municipalities of different offices,
    or no municipality is known for it."""
    language = _locale(locale) or Locale.get_active()
    fallback = fallback_office_for(language)
    try:
        if municipality:
            result = route_municipality(municipality, fallback)
        elif postcode:
            result = route_postcode(postcode, fallback)
        else:
            return problem(400, _("Give a postcode or a municipality."))
    except ValidationError as error:
        return problem(400, error.messages[0])
    office = None
    if result.office:
        shown = result.office.get_translation_or_none(language) or result.office
        office = {"name": shown.title, "url": shown.get_full_url(request)}
    return {
        "postcode": result.postcode or None,
        "municipalities": [
            {"code": m.code, "name": m.name} for m in result.municipalities
        ],
        "office": office,
    }
