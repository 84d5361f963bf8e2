"""HTTP caching of the read API: ETag, Last-Modified, Cache-Control and 304s.

The whole site has one content version (``core.versions``), shared by every worker;
publishing and every change of public content replace it. An anonymous response's
ETag is derived from that version, the request's path and query and its language;
its Last-Modified is the time of the latest change (at first, of the latest
publish). Because the ETag is known
before the view runs, a matching ``If-None-Match`` is answered with 304 at once.

The answer itself is kept in the shared ``pages`` cache under its ETag, so a repeated
anonymous read is served without running the view, until the next change.

Requests with credentials are answered ``private, no-store``: they may see more.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date, quote_etag

from core.versions import content_version


def cached_paths():
    from api.urls import CACHED_PATHS

    return CACHED_PATHS


def etag_for(request, state):
    key = "\n".join(
        [state["token"], request.get_full_path(), translation.get_language() or ""]
    )
    return quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32])


def set_public_headers(response, etag, state):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(int(state["modified"]))
    patch_cache_control(
        response, public=True, max_age=settings.PORTAL_API_CACHE_SECONDS
    )
    patch_vary_headers(response, ("Accept-Language", "Authorization"))
    return response


def fallback_used():
    # Imported here: this module is loaded while apps start (api.apps), before the
    # API's schemas are built, and search's import chain would build them then.
    from search.resilience import fallback_used

    return fallback_used()


class APICacheMiddleware:
    """Validators and Cache-Control for GETs of the read routers (``CACHED_PATHS``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "GET" or not request.path_info.startswith(cached_paths()):
            return self.get_response(request)
        if "HTTP_AUTHORIZATION" in request.META:
            response = self.get_response(request)
            patch_cache_control(response, private=True, no_store=True)
            return response

        state = content_version()
        etag = etag_for(request, state)
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            return set_public_headers(not_modified, etag, state)

        key = f"api:{etag}"
        stored = caches["pages"].get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content, headers=headers)
        else:
            response = self.get_response(request)
            if response.status_code != 200:
                return response
            set_public_headers(response, etag, state)
            # A search the database answered for the engine is a stand-in, not
            # the answer this content version gives once the engine is back.
            if not (response.streaming or response.cookies or fallback_used()):
                caches["pages"].set(
                    key,
                    (response.content, dict(response.items())),
                    timeout=settings.PORTAL_PAGE_CACHE_SECONDS,
                )
        return get_conditional_response(
            request,
            etag=etag,
            last_modified=int(state["modified"]),
            response=response,
        )
