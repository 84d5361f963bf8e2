"""Contact for front ends: routing, the form's fields and sending a request.

Every endpoint calls what the HTML form calls (``offices.routing``, ``ContactForm``,
``contact.views.receive``); none repeats its rules.
"""

from typing import Annotated

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Schema, Status
from pydantic import BeforeValidator, Field
from wagtail.api.v3.errors import ProblemDetail
from wagtail.models import Locale

from api.locales import locale_or_400
from api.problems import ErrorSchema, form_errors, problem
from contact.forms import ContactForm
from contact.pages import contact_page_for, fallback_office_for
from contact.views import Refused, form_options, receive
from core.api import absolute_url
from offices.api import MunicipalitySchema, municipalities
from offices.routing import route_municipality, route_postcode

router = Router(tags=["contact"])

# Filled by bots only, and the form's own time stamp: neither is shown to people.
HONEYPOT = "website"
NOT_SHOWN = {HONEYPOT, "started"}
# The texts the HTML form shows for the same refusals.
REFUSALS = {
    "rate_limited": gettext_lazy(
        "We received several requests from your connection in a short time. Please "
        "wait a few minutes and send the form again: what you filled in is still "
        "there."
    ),
    "automated": gettext_lazy(
        "Your request has not been sent yet: the form was sent sooner than a person "
        "can fill it in. Check your answers and press “Send request” again; what you "
        "filled in is still there."
    ),
}


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


class FieldProblemSchema(ProblemSchema):
    errors: list[ErrorSchema]


class ChoiceSchema(Schema):
    value: str
    label: str


class FormFieldSchema(Schema):
    name: str
    label: str
    type: str
    required: bool
    help_text: str
    max_length: int | None
    autocomplete: str | None
    choices: list[ChoiceSchema] | None


class ContactFormSchema(Schema):
    language: str
    fields: list[FormFieldSchema]
    started: str
    honeypot: str


def _blank_is_none(value):
    return None if value == "" else value


OptionalId = Annotated[int | None, BeforeValidator(_blank_is_none)]


class ContactRequestIn(Schema):
    """The contact form's fields. ``ContactForm`` validates them, as for the HTML
    form: a missing or empty required field is a field error, not a schema error."""

    school_name: str = ""
    brin_code: str = ""
    school_type: str = Field(
        "",
        description="A school type's token (`po`), as in GET /contact/form/ and "
        "the vocabularies.",
    )
    postcode: str = ""
    municipality: str = Field(
        "",
        description="A CBS code such as GM0014; needed only when the postcode does "
        "not tell the office.",
    )
    contact_name: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    service: OptionalId = Field(
        None, description="A service's value from GET /contact/form/, if any."
    )
    question: str = ""
    consent: bool = Field(False, description="The school agrees to the privacy text.")
    website: str = Field("", description="The honeypot: leave it out or empty.")
    started: str = Field(
        "", description="The start stamp from GET /contact/form/, unchanged."
    )

    def form_data(self):
        return {
            name: "" if value is None else value
            for name, value in self.model_dump().items()
        }


class ContactRequestCreatedSchema(Schema):
    reference: str
    office: OfficeSchema


def _activate(request, code):
    """``?locale=`` wins over Accept-Language, which the middleware has applied.

    An unknown locale is a 400, as in every router (``locale_or_400``).
    """
    if not code:
        return
    language = locale_or_400(code).language_code
    translation.activate(language)
    request.LANGUAGE_CODE = language


def _office(request, office, locale):
    shown = office.get_translation_or_none(locale) or office
    return {"name": shown.title, "url": absolute_url(request, shown.get_url(request))}


def _contact_page():
    page = contact_page_for(Locale.get_active())
    if page is None:
        raise Http404(_("The contact form is not available."))
    return page


def _describe(bound_field):
    field = bound_field.field
    widget = field.widget
    choices = getattr(field, "choices", None)
    return {
        "name": bound_field.name,
        "label": str(field.label),
        "type": "textarea" if isinstance(widget, forms.Textarea) else widget.input_type,
        "required": field.required,
        "help_text": str(field.help_text),
        "max_length": getattr(field, "max_length", None),
        "autocomplete": widget.attrs.get("autocomplete"),
        "choices": None
        if choices is None
        else [{"value": str(value), "label": str(label)} for value, label in choices],
    }


@router.get(
    "/route/",
    response={200: RouteSchema, 400: ProblemSchema, 422: ProblemDetail},
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
    or no municipality is known for it. The office is named in the language of
    ``locale`` (else Accept-Language); an unknown ``locale`` is a 400."""
    language = locale_or_400(locale)
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
    return {
        "postcode": result.postcode or None,
        "municipalities": municipalities(result.municipalities),
        "office": _office(request, result.office, language) if result.office else None,
    }


@router.get(
    "/form/",
    response={
        200: ContactFormSchema,
        400: ProblemSchema,
        404: ProblemSchema,
        422: ProblemDetail,
    },
    url_name="contact_form",
    summary="The contact form's fields and a start stamp for sending it",
    operation_id="contact_form",
)
def contact_form(request, locale: str | None = None):
    """The fields of the HTML contact form in the language of ``locale`` (else
    Accept-Language; an unknown ``locale`` is a 400): labels, help texts, whether
    required, and the choices of school type, municipality and service. Send
    ``started`` back unchanged with the request: a request sent sooner after
    fetching it than a person can fill in the form is refused. Leave the
    ``honeypot`` field out, or empty."""
    _activate(request, locale)
    form = ContactForm(**form_options(_contact_page()))
    return {
        "language": translation.get_language(),
        "fields": [_describe(field) for field in form if field.name not in NOT_SHOWN],
        "started": form.initial["started"],
        "honeypot": HONEYPOT,
    }


@router.post(
    "/requests/",
    response={
        201: ContactRequestCreatedSchema,
        400: FieldProblemSchema | ProblemSchema,
        404: ProblemSchema,
        422: ProblemDetail,
        429: ProblemSchema,
    },
    url_name="contact_requests",
    summary="Send a school's request to the MEE office that serves it",
    operation_id="contact_request_create",
)
def create_request(request, data: ContactRequestIn, locale: str | None = None):
    """Validated, stored and mailed exactly as the HTML form: the same checks, the
    same per-address rate limit (one tally with the form; 429 with Retry-After, in
    seconds, when exceeded; only stored requests count), the
    office notified and the school sent a confirmation. The language is that of
    ``locale`` (else Accept-Language; an unknown ``locale`` is a 400 and nothing is
    stored): field errors come back in it as ``errors`` (field name -> messages),
    and the confirmation mail is written in it. The answer names the office the
    request went to and its reference, nothing more."""
    _activate(request, locale)
    form = ContactForm(data.form_data(), **form_options(_contact_page()))
    try:
        contact_request = receive(request, form)
    except Refused as refusal:
        return problem(
            refusal.status, REFUSALS[refusal.reason], headers=refusal.headers()
        )
    if contact_request is None:
        return problem(400, _("Please correct the following"), errors=form_errors(form))
    office = _office(request, contact_request.office, Locale.get_active())
    return Status(201, {"reference": contact_request.reference, "office": office})
