"""HTTP caching of the read API: ETag, Last-Modified, Cache-Control and 304s.

The whole site has one content version, kept in Django's cache (the database cache in
production, so every worker sees the same one). Publishing, unpublishing, moving or
deleting a page, and changing a snippet, image, document, redirect, footer, site,
locale or view restriction replaces it. An anonymous response's ETag is derived from
that version, the request's path and query and its language; its Last-Modified is the
time of the latest change (at first, of the latest publish). Because the ETag is known
before the view runs, a matching ``If-None-Match`` is answered with 304 at once.

Requests with credentials are answered ``private, no-store``: they may see more.
"""

import hashlib
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Max
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import translation
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date, quote_etag
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    Locale,
    Page,
    Site,
)
from wagtail.signals import page_published, page_unpublished

from offices.models import Municipality
from services.models import Taxonomy

VERSION_KEY = "portal_api_content_version"
TRACKED_MODELS = (
    Page,
    Taxonomy,
    AbstractImage,
    AbstractDocument,
    Redirect,
    BaseSiteSetting,
    Site,
    Locale,
    Collection,
    BaseViewRestriction,
    Municipality,
)


def content_version():
    """``{"token", "modified"}``: the current version and when it was made."""
    state = cache.get(VERSION_KEY)
    if state is None:
        latest = Page.objects.aggregate(latest=Max("last_published_at"))["latest"]
        state = {
            "token": uuid.uuid4().hex,
            "modified": latest.timestamp() if latest else time.time(),
        }
        # Another worker may have made one meanwhile; theirs wins.
        cache.add(VERSION_KEY, state, timeout=None)
        state = cache.get(VERSION_KEY) or state
    return state


def bump_content_version():
    cache.set(
        VERSION_KEY,
        {"token": uuid.uuid4().hex, "modified": time.time()},
        timeout=None,
    )


def content_changed():
    # Again once the transaction commits: a request that read the old rows in the
    # meantime must not keep the new version for them.
    bump_content_version()
    transaction.on_commit(bump_content_version)


@receiver(page_published)
@receiver(page_unpublished)
def _page_published_or_unpublished(sender, **kwargs):
    content_changed()


@receiver(post_save)
@receiver(post_delete)
def _model_changed(sender, instance, **kwargs):
    if isinstance(instance, TRACKED_MODELS):
        content_changed()


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

        response = self.get_response(request)
        if response.status_code != 200:
            return response
        set_public_headers(response, etag, state)
        return get_conditional_response(
            request,
            etag=etag,
            last_modified=int(state["modified"]),
            response=response,
        )
