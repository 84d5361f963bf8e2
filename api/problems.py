"""Errors as RFC 9457 problem details, like Wagtail's own API v3 answers them."""

from http import HTTPStatus

from django.http import JsonResponse

PROBLEM_JSON = "application/problem+json"


def problem(status, detail, **extra):
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": str(detail),
        **extra,
    }
    return JsonResponse(body, status=status, content_type=PROBLEM_JSON)
