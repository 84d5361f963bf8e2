"""Errors as RFC 9457 problem details: every answer under /api/ that is an error.

One shape: ``{type, title, status, detail, errors?}``, ``detail`` in the caller's
language, and ``errors`` (when the request had invalid parts) a list of ``{type,
loc, msg}``: ``loc`` is where (``["query", "page"]``, ``["body", "school_name"]``),
``msg`` what is wrong. The handlers here replace Wagtail's (whose details were
English and whose ``errors`` came in three shapes), and ``APIProblemMiddleware``
answers what no operation does (an unknown path, a method not allowed, a crash).
"""

import logging
from http import HTTPStatus

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError as PydanticValidationError
from wagtail.api.rich_text import RichTextFormatError
from wagtail.api.v3.errors import ProblemDetail, problem_response
from wagtail.utils.forms import FormValidationError

from core.api import URL_NAME_PREFIX
from search.resilience import engine_errors

PROBLEM_JSON = "application/problem+json"


logger = logging.getLogger(__name__)


class ErrorSchema(Schema):
    """One entry of a problem's ``errors``."""

    type: str
    loc: list[str]
    msg: str


API_PREFIX = "/api/"


def error(loc, msg, kind):
    """One entry of a problem's ``errors``."""
    return {"type": str(kind), "loc": [str(part) for part in loc], "msg": str(msg)}


def errors_of(exc):
    """The ``errors`` of a validation error of any origin, in the one shape."""
    if isinstance(exc, FormValidationError):
        return [
            error(path, message, code)
            for path, coded_messages in exc.loc_errors
            for message, code in coded_messages
        ]
    if isinstance(exc, DjangoValidationError):
        return [
            error([], message, item.code or "invalid")
            for item in exc.error_list
            for message in item.messages
        ]
    entries = exc.errors() if isinstance(exc, PydanticValidationError) else exc.errors
    return [error(entry["loc"], entry["msg"], entry["type"]) for entry in entries]


def form_errors(form, location="body"):
    """A Django form's errors in the one shape."""
    return [
        error(
            [location, name] if name != "__all__" else [location],
            item["message"],
            item["code"] or "invalid",
        )
        for name, items in form.errors.get_json_data().items()
        for item in items
    ]


def problem(status, detail, headers=None, **extra):
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": str(detail),
        **extra,
    }
    return JsonResponse(body, status=status, content_type=PROBLEM_JSON, headers=headers)


def object_or_404(queryset, **lookup):
    """``get_object_or_404`` with a translated detail for the problem."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as error:
        raise Http404(
            _("No %(name)s with this id.") % {"name": queryset.model._meta.verbose_name}
        ) from error


def responses(schema, *problems):
    """The ``response=`` of an operation: ``schema`` on 200, problem details else."""
    return {200: schema, **dict.fromkeys(problems, ProblemDetail)}


def register_problems(api):
    """Every error an operation raises, as a problem in the caller's language.

    Malformed parameters of the read routers are 400s; of Wagtail's own operations
    (and the write side's), 422s, as Wagtail answers them.
    """

    def invalid(request, exc):
        match = request.resolver_match
        if match and (match.url_name or "").startswith(URL_NAME_PREFIX):
            status, detail = 400, _("The request has invalid parameters.")
        else:
            status, detail = 422, _("The request is not valid.")
        return problem_response(status=status, detail=detail, errors=errors_of(exc))

    for kind in (NinjaValidationError, PydanticValidationError, DjangoValidationError):
        api.add_exception_handler(kind, invalid)

    @api.exception_handler(PermissionDenied)
    def permission_denied(request, exc):
        if not request.user.is_authenticated:
            return problem_response(
                status=401, detail=str(exc) or _("This needs an API token.")
            )
        return problem_response(
            status=403, detail=str(exc) or _("You may not do this.")
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return problem_response(status=401, detail=_("This needs an API token."))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return problem_response(status=404, detail=str(exc) or _("Not found."))

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return problem_response(status=exc.status_code, detail=str(exc))

    @api.exception_handler(RichTextFormatError)
    def rich_text_format_error(request, exc):
        return problem_response(status=400, detail=str(exc))


def generic_problem(status):
    """The answer for ``status`` where no operation gave one."""
    if status == 404:
        detail = _("There is no API endpoint at this address.")
    elif status == 405:
        detail = _("This method is not allowed at this address.")
    elif status >= 500:
        detail = _("Something went wrong on our side. Please try again later.")
    else:
        detail = HTTPStatus(status).phrase
    return problem(status, detail)


class APIProblemMiddleware:
    """Under /api/, an error answer that is not a problem becomes one.

    Django's URL resolver (an unknown path), Ninja's method check (405) and an
    unhandled exception answered HTML or plain text.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path_info.startswith(API_PREFIX)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith(PROBLEM_JSON)
        ):
            replacement = generic_problem(response.status_code)
            for header in ("Allow", "Retry-After"):
                if header in response:
                    replacement[header] = response[header]
            return replacement
        return response

    def process_exception(self, request, exception):
        if not request.path_info.startswith(API_PREFIX) or isinstance(
            exception, Http404 | PermissionDenied
        ):
            return None
        logger.exception("Unhandled error in %s", request.path_info)
        return generic_problem(500)


def register_search_problems(api):
    """An engine error that gets past the search layer's fallback: 503, never 500.

    The search layer answers from the database when the engine fails, so this is the
    last line: the caller gets a problem to retry, not an HTML error page.
    """

    def search_unavailable(request, exc):
        return problem(
            503,
            _("Search is not available at the moment. Please try again shortly."),
            headers={"Retry-After": "30"},
        )

    for error in engine_errors():
        api.add_exception_handler(error, search_unavailable)
