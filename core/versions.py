"""One version of the site's public content, shared by every process.

The version is kept in Django's cache (shared by every worker in production), and
replaced when public content changes: a page published, unpublished, moved or
deleted, or a snippet, image, document, redirect, setting, site, locale, collection
or view restriction saved or deleted. The API's ETags are derived from it, and
``PerVersion`` keeps what a process worked out from the content (facet labels,
restricted paths, the search word list) until it changes.

Wagtail's models are tracked here; a domain app adds its own with ``track()`` in
its ``AppConfig.ready``.
"""

import contextvars
import time
import uuid
from contextlib import contextmanager

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import BaseViewRestriction, Collection, Locale, Page, Site
from wagtail.models.pages import COMMENTS_RELATION_NAME
from wagtail.signals import page_published, page_unpublished, post_page_move

VERSION_KEY = "portal_api_content_version"
_tracked = [
    Page,
    AbstractImage,
    AbstractDocument,
    Redirect,
    BaseSiteSetting,
    Site,
    Locale,
    Collection,
    BaseViewRestriction,
]


def track(*models):
    """A save or deletion of any of ``models`` (or their subclasses) is a change."""
    _tracked.extend(model for model in models if model not in _tracked)


def is_tracked(instance):
    return isinstance(instance, tuple(_tracked))


class _RequestScope:
    state = None


_request_scope = contextvars.ContextVar("content_version_request", default=None)


class ContentVersionMiddleware:
    """One read of the content version per request, where every memo
    (``PerVersion``), ETag and page-cache check asks for it: in production it lives
    in the shared cache, and each read is a round trip. A change made by the request
    itself replaces it (``bump_content_version``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_scope.set(_RequestScope())
        try:
            return self.get_response(request)
        finally:
            _request_scope.reset(token)


def content_version():
    """``{"token", "modified"}``: the current version and when it was made."""
    scope = _request_scope.get()
    if scope is not None and scope.state is not None:
        return scope.state
    state = _read_content_version()
    if scope is not None:
        scope.state = state
    return state


def _read_content_version():
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
    state = {"token": uuid.uuid4().hex, "modified": time.time()}
    cache.set(VERSION_KEY, state, timeout=None)
    if (scope := _request_scope.get()) is not None:
        scope.state = state


def content_changed():
    # Again once the transaction commits: a request that read the old rows in the
    # meantime must not keep the new version for them.
    bump_content_version()
    transaction.on_commit(bump_content_version)


@receiver(page_published)
@receiver(page_unpublished)
# A move rewrites the paths and URLs of the page's descendants in SQL, without
# saving them, and changes them even when the page itself is not live.
@receiver(post_page_move)
def _page_published_unpublished_or_moved(sender, **kwargs):
    content_changed()


# What saving a draft (a revision) or locking writes on the live object: readers
# see none of it.
DRAFT_STATE_FIELDS = {
    COMMENTS_RELATION_NAME,
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_by",
    "locked_at",
}


def changes_public_content(instance, update_fields):
    """Whether this save of ``instance`` can change what anonymous readers see.

    A draft saved (of a live page or of one never published) is not: its
    ETags must stay, or every cached answer is fetched again for nothing.
    """
    if update_fields and set(update_fields) <= DRAFT_STATE_FIELDS:
        return False
    # A page not live is not shown; unpublishing sends ``page_unpublished``.
    return not (isinstance(instance, Page) and not instance.live)


@receiver(post_save)
def _model_saved(sender, instance, update_fields=None, **kwargs):
    if is_tracked(instance) and changes_public_content(instance, update_fields):
        content_changed()


@receiver(post_delete)
def _model_deleted(sender, instance, **kwargs):
    if is_tracked(instance):
        content_changed()


_pinned = contextvars.ContextVar("pinned_content_version", default=None)


@contextmanager
def pinned_version():
    """Reads the version once for a piece of work (a search) that asks several
    ``PerVersion`` memos: in production the cache is shared, and each read of it is
    a round trip."""
    token = _pinned.set(content_version()["token"])
    try:
        yield
    finally:
        _pinned.reset(token)


class PerVersion:
    """Values worked out from the content, kept by this process for one version.

    ``get(key, compute)`` answers ``compute()`` once per key and content version
    (the one ``pinned_version`` read, else the current one); at most ``size`` keys
    are kept (query-dependent keys must not grow unbounded).
    """

    def __init__(self, size=256):
        self.size = size
        # The version and its values in one attribute: a thread that starts a new
        # version never leaves another with one version's token and the other's
        # values, and a value worked out for an old version lands in its own dict.
        self._state = (None, {})

    def __len__(self):
        return len(self._state[1])

    def get(self, key, compute, keep_none=True):
        """``keep_none=False``: a None answer is worked out again next time (keys
        that anyone can make up, such as a URL that leads nowhere, must not push
        out the values that are asked for)."""
        token = _pinned.get() or content_version()["token"]
        state_token, values = self._state
        if state_token != token:
            values = {}
            self._state = (token, values)
        if key in values:
            return values[key]
        value = compute()
        if value is not None or keep_none:
            if len(values) >= self.size:
                values.clear()
            values[key] = value
        return value
