"""Errors as RFC 9457 problem details, like Wagtail's own API v3 answers them.

The read routers raise ``HttpError`` and ``Http404`` with translated messages; Wagtail's
exception handlers turn them into ``application/problem+json``.
"""

from http import HTTPStatus

from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from ninja.errors import ValidationError as NinjaValidationError
from wagtail.api.v3.errors import ProblemDetail, problem_response

from core.api import URL_NAME_PREFIX
from search.resilience import engine_errors

PROBLEM_JSON = "application/problem+json"


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


def register_parameter_problems(api):
    """Malformed query parameters of the read routers: 400 with a translated detail.

    Wagtail answers 422 with an English detail for every operation; its own
    operations (and the write side's) keep that answer.
    """

    @api.exception_handler(NinjaValidationError)
    def invalid_parameters(request, exc):
        match = request.resolver_match
        if match and (match.url_name or "").startswith(URL_NAME_PREFIX):
            return problem_response(
                status=400,
                detail=_("The request has invalid parameters."),
                errors=exc.errors,
            )
        return problem_response(
            status=422, detail="Validation failed", errors=exc.errors
        )


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
