"""The page cache: whole HTML of public pages for readers without a session.

A GET or HEAD of a page under a language prefix (``/nl/...``, ``/en/...``) from a
visitor who sends no session or messages cookie and no ``Authorization`` header is
answered from the ``pages`` cache when it holds the page; otherwise the page is
rendered and, when it may be shared, stored under the host, the path with its query
string and the language.

**Purging.** Each stored page records which page it is and the purge sequence
number read before it was rendered. A content change works out the pages that show
it (``core.purging``, through Wagtail's reference index and the page tree), takes
the next sequence number and marks those pages (or the whole site) purged at it; a
stored page marked purged after its rendering began is stale and rendered again. So
a publish makes exactly the pages that show the change fresh at once, on every app
instance (the cache is shared), while the rest stay cached. The marks are made again
once the change's transaction commits: a page rendered from the rows before the
commit is stale too. The marks never expire, so that a full cache evicting keys
(Redis ``volatile-lru``) drops pages, never the marks that make pages stale.

Only a Wagtail page's own 200 answer is stored (the response carries the page in
its context), and never when the page is under a view restriction, when its model
sets ``page_cache = False`` (the contact form: its HTML has a CSRF token), for a
preview, when the answer sets a cookie, carries a CSP nonce, says
``Cache-Control: private`` or ``no-store``, or varies by anything but the cookie and
the language. The search page and its autocomplete are views of their own, not
pages, so they are never stored; neither are the admin and ``/api/``, which have no
language prefix.

**Headers.** A stored answer says ``Cache-Control: public, max-age=0,
s-maxage=PORTAL_PAGE_CACHE_SECONDS, must-revalidate``, has an ``ETag`` and no longer
varies by ``Cookie``: shared caches (a CDN, purged through Wagtail's frontend cache
when one is configured) keep it, while a browser asks again each time, so that an
editor who signs in never sees a copy from before. ``If-None-Match`` is answered
``304`` from the cache. ``X-Page-Cache`` says ``hit`` or ``miss``.
``PORTAL_PAGE_CACHE_SECONDS = 0`` turns the cache off.
"""

import hashlib
import logging

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
)
from django.utils.http import quote_etag
from django.utils.translation import get_language_from_path
from wagtail.models import Page

from core.navigation import is_public, restricted_paths

logger = logging.getLogger(__name__)
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
    parts = [request.get_host(), request.get_full_path(), language]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"page:{digest}"


SEQUENCE_KEY = "purge:sequence"
SITE_PURGED_KEY = "purge:site"


def page_purged_key(page_id):
    return f"purge:page:{page_id}"


def _mark_purged(page_ids):
    cache = page_cache()
    cache.add(SEQUENCE_KEY, 0, timeout=None)
    sequence = cache.incr(SEQUENCE_KEY)
    if page_ids is None:
        cache.set(SITE_PURGED_KEY, sequence, timeout=None)
    else:
        cache.set_many(
            {page_purged_key(page_id): sequence for page_id in page_ids},
            timeout=None,
        )


def purge(page_ids):
    """Makes the pages ``page_ids`` (``None``: every page) stale now and again when
    the transaction commits, here and in the frontend cache when one is configured.

    The frontend cache is purged of a set of pages right after the commit, in this
    request (on loopback a PURGE takes about a millisecond), so that the next reader
    gets the change; every page (a setting, a move, a deletion) is purged by the
    worker, which may be thousands of URLs: the edge serves the old pages until it
    runs, a second or so.
    """
    page_ids = None if page_ids is None else sorted(set(page_ids))
    _mark_purged(page_ids)

    def after_commit():
        _mark_purged(page_ids)
        if getattr(settings, "WAGTAILFRONTENDCACHE", None):
            from core.tasks import purge_frontend_cache, purge_frontend_cache_now

            if page_ids is None:
                purge_frontend_cache.enqueue(None)
                return
            try:
                purge_frontend_cache_now(page_ids)
            except Exception:
                # The change is committed: the worker tries again rather than the
                # editor getting an error for it.
                logger.exception("Purging the frontend cache failed; enqueued")
                purge_frontend_cache.enqueue(page_ids)

    transaction.on_commit(after_commit)


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
    return is_public(page, restricted_paths())


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
        cache = page_cache()
        found = cache.get_many([key, SEQUENCE_KEY, SITE_PURGED_KEY])
        stored = found.get(key)
        if stored is not None:
            page_id, rendered_at, etag, content, headers = stored
            purged_at = max(
                found.get(SITE_PURGED_KEY, 0),
                cache.get(page_purged_key(page_id), 0),
            )
            if rendered_at >= purged_at:
                return self.from_cache(request, etag, content, headers)

        rendered_at = found.get(SEQUENCE_KEY, 0)
        response = self.get_response(request)
        if not shareable(request, response):
            return response
        _without_cookie_vary(response)
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            s_maxage=settings.PORTAL_PAGE_CACHE_SECONDS,
            must_revalidate=True,
        )
        etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
        response["ETag"] = etag
        cache.set(
            key,
            (
                response.context_data["page"].pk,
                rendered_at,
                etag,
                response.content,
                dict(response.items()),
            ),
            timeout=settings.PORTAL_PAGE_CACHE_SECONDS,
        )
        response[HEADER] = "miss"
        return response

    def from_cache(self, request, etag, content, headers):
        not_modified = get_conditional_response(request, etag=etag)
        response = not_modified or HttpResponse(content, headers=headers)
        if not_modified is not None:
            for header in ("ETag", "Cache-Control", "Vary", "Content-Language"):
                if header in headers:
                    response[header] = headers[header]
        response[HEADER] = "hit"
        return response
