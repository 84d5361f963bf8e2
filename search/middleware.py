"""Says so when the database answered a search for the engine.

Admin searches get a Wagtail message (the engine is asked first, so the message is
on the very page whose results come from the database); every answer whose search
fell back carries ``Search-Fallback: database``, which front ends of the API read,
and is not to be cached.
"""

from django.contrib import messages
from django.urls import reverse

from search.resilience import (
    FALLBACK_HEADER,
    NOTICE,
    SearchUnavailable,
    end_request,
    engine_backend,
    fallback_used,
    start_request,
)


def engine_ready():
    """Whether the engine answers admin searches, as last checked.

    The indexes are asked at most every ``PORTAL_SEARCH_CHECK_SECONDS`` (a dozen
    requests to the engine and a count per model), not on every admin search.
    """
    backend = engine_backend()
    if backend is None:
        return True
    # One ping, so that an engine that died since the last check is noticed on the
    # very page whose results the database then gives.
    if backend.engine_usable() and not backend.es.ping():
        backend.record_failure(SearchUnavailable("the engine does not answer a ping"))
    return backend.engine_usable() and all(
        value == "ok" for value in backend.state().indexes.values()
    )


def is_admin_search(request):
    return bool(request.GET.get("q", "").strip()) and request.path.startswith(
        reverse("wagtailadmin_home")
    )


class SearchFallbackMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = start_request()
        try:
            if is_admin_search(request) and not engine_ready():
                messages.warning(request, NOTICE)
            response = self.get_response(request)
            if fallback_used():
                response[FALLBACK_HEADER] = "database"
                # A stand-in answer: no cache may keep it once the engine is back
                # (the API's ETags change with content, not with the engine).
                response["Cache-Control"] = "no-store"
                for header in ("ETag", "Last-Modified"):
                    if header in response:
                        del response[header]
        finally:
            end_request(token)
        return response
