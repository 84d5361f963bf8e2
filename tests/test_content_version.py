"""core.versions: one version of the public content, and what a process keeps per
version (facet labels, restricted paths, promotions, the word-list check)."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.test import override_settings
from wagtail.contrib.redirects.models import Redirect

from core.versions import (
    VERSION_KEY,
    ContentVersionMiddleware,
    PerVersion,
    bump_content_version,
    content_version,
    pinned_version,
)
from search.query import search_pages
from services.models import Theme

DATABASE_ONLY = {"default": {"BACKEND": "wagtail.search.backends.database"}}

pytestmark = pytest.mark.django_db


def counter():
    calls = []

    def compute():
        calls.append(None)
        return len(calls)

    return compute


def test_a_value_is_worked_out_once_per_version():
    memo, compute = PerVersion(), counter()
    assert memo.get("key", compute) == 1
    assert memo.get("key", compute) == 1
    Redirect.objects.create(old_path="/oud", redirect_link="/nl/")
    assert memo.get("key", compute) == 2


def test_a_domain_model_tracked_by_its_app_changes_the_version():
    before = content_version()["token"]
    Theme.objects.first().save()
    assert content_version()["token"] != before


def test_a_full_memo_starts_again_instead_of_growing():
    memo = PerVersion(size=2)
    for key in range(5):
        memo.get(key, lambda: None)
    assert len(memo) <= 2


def test_a_pinned_version_is_read_from_the_cache_once():
    memo = PerVersion()
    content_version()  # made, as the first request of a process makes it
    with (
        mock.patch.object(cache, "get", wraps=cache.get) as reads,
        pinned_version(),
    ):
        for key in range(5):
            memo.get(key, lambda: None)
    assert reads.call_count == 1


def test_a_renamed_theme_is_the_facet_label_of_the_next_search(demo_site):
    def theme_labels():
        results = search_pages("weerbaarheid", demo_site.locale, record=False)
        facet = next(f for f in results.facets if f.param == "theme")
        return {option.value: option.label for option in facet.options}

    with override_settings(WAGTAILSEARCH_BACKENDS=DATABASE_ONLY):
        assert theme_labels()["weerbaarheid"] == "Weerbaarheid"
        theme = Theme.objects.get(slug="weerbaarheid", locale=demo_site.locale)
        theme.name = "Weerbaar zijn"
        theme.save()
        assert theme_labels()["weerbaarheid"] == "Weerbaar zijn"


def test_a_request_reads_the_version_once_and_sees_its_own_changes():
    """Every memo, ETag and cache check of a request asks for the version; it is read
    from the shared cache once. Another process's change is seen by the next
    request; the request's own change at once."""
    seen = []

    def view(request):
        seen.append(content_version()["token"])
        # Another worker publishes meanwhile.
        cache.set(VERSION_KEY, {"token": "elsewhere", "modified": 0}, timeout=None)
        seen.append(content_version()["token"])
        bump_content_version()  # this request publishes
        seen.append(content_version()["token"])
        return None

    before = content_version()["token"]
    ContentVersionMiddleware(view)(None)
    assert seen[0] == seen[1] == before
    assert seen[2] not in (before, "elsewhere")
    assert content_version()["token"] == seen[2]
    ContentVersionMiddleware(lambda request: seen.append(content_version()))(None)
    assert seen[-1]["token"] == seen[2]


def test_moving_a_page_changes_the_version_even_when_it_is_not_live():
    """A move rewrites the paths and URLs below the page without saving those pages;
    routes and restricted paths kept for the old version would point at the old
    places."""
    from services.models import ServicePage

    service = ServicePage.objects.get(slug="toekomstcoach")
    service.unpublish()
    before = content_version()["token"]
    service.move(service.get_parent(), pos="first-child")
    assert content_version()["token"] != before
