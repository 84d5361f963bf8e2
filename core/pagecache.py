"""The page cache: whole HTML of public pages for readers without a session.

A GET or HEAD of a page under a language prefix (``/nl/...``, ``/en/...``) from a
visitor who sends no session or messages cookie and no ``Authorization`` header is
answered from the ``pages`` cache when it holds the page; otherwise the page is
rendered and, when it may be shared, stored. An entry's key is the host, the path
with its query string, the language and the site's content version
(``core.versions``): every publish, unpublish, move or deletion, and every change of
a snippet, setting or view restriction replaces that version, so all cached pages
go stale together at once and no reader sees an old page after a change.

Only a Wagtail page's own 200 answer is stored (the response carries the page in
its context), and never when the page is under a view restriction, when its model
sets ``page_cache = False`` (the contact form: its HTML has a CSRF token), for a
preview, when the answer sets a cookie, carries a CSP nonce, says
``Cache-Control: private`` or ``no-store``, or varies by anything but the cookie and
the language. The search page and its autocomplete are views of their own, not
pages, so they are never stored; neither are the admin and ``/api/``, which have no
language prefix.

A stored answer says ``Cache-Control: public, max-age=PORTAL_PAGE_CACHE_SECONDS``
and no longer varies by ``Cookie``: it is the same for every reader without a
session, and a reader with one never gets it from here. ``X-Page-Cache`` says
``hit`` or ``miss``. ``PORTAL_PAGE_CACHE_SECONDS = 0`` turns the cache off.

Next step: purge precisely instead of by version, only the pages that show the
changed content (the page, its indexes, the home page's featured items, navigation),
found through Wagtail's reference index, so that one publish does not empty the
whole cache.
"""

import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, patch_cache_control
from django.utils.translation import get_language_from_path
from wagtail.models import Page

from core.versions import content_version

CACHE_ALIAS = "pages"
HEADER = "X-Page-Cache"
# The answer may vary by these and still be stored: the cookie because a reader
# without one is the only one served from here, the language because it is part of
# the key (it comes from the path).
SHAREABLE_VARY = {"cookie", "accept-language", "accept-encoding"}


def page_cache():
    return caches[CACHE_ALIAS]


def may_serve_from_cache(request):
    return (
        settings.PORTAL_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        # A message waiting in its cookie is shown on the next page rendered.
        and CookieStorage.cookie_name not in request.COOKIES
        and get_language_from_path(request.path_info) is not None
    )


def cache_key(request, language):
    parts = [
        content_version()["token"],
        request.get_host(),
        request.get_full_path(),
        language,
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"page:{digest}"


def _vary(response):
    return {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v}


def _cache_control(response):
    return {
        v.split("=")[0].strip().lower()
        for v in cc_delim_re.split(response.get("Cache-Control", ""))
        if v
    }


def shareable(request, response):
    """Whether ``response`` is a public page's answer that any reader may get."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "is_preview", False):
        return False
    if _cache_control(response) & {"private", "no-store", "no-cache"}:
        return False
    if not _vary(response) <= SHAREABLE_VARY:
        return False
    # A nonce must be new in every answer.
    if "'nonce-" in response.get("Content-Security-Policy", ""):
        return False
    page = (getattr(response, "context_data", None) or {}).get("page")
    if not isinstance(page, Page) or not getattr(page, "page_cache", True):
        return False
    return not page.get_view_restrictions().exists()


def _without_cookie_vary(response):
    kept = [
        v.strip()
        for v in cc_delim_re.split(response.get("Vary", ""))
        if v.strip() and v.strip().lower() != "cookie"
    ]
    if kept:
        response["Vary"] = ", ".join(kept)
    elif "Vary" in response:
        del response["Vary"]


class PageCacheMiddleware:
    """Serves and stores public pages for readers without a session (see module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_serve_from_cache(request):
            return self.get_response(request)
        key = cache_key(request, get_language_from_path(request.path_info))
        stored = page_cache().get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content, headers=headers)
            response[HEADER] = "hit"
            return response

        response = self.get_response(request)
        if not shareable(request, response):
            return response
        _without_cookie_vary(response)
        patch_cache_control(
            response, public=True, max_age=settings.PORTAL_PAGE_CACHE_SECONDS
        )
        page_cache().set(
            key,
            (response.content, dict(response.items())),
            timeout=settings.PORTAL_PAGE_CACHE_SECONDS,
        )
        response[HEADER] = "miss"
        return response
