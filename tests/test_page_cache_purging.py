"""Purging: a change makes every page that shows it fresh at once, and only those.

Each test caches every public page of the demo for an anonymous reader, changes
something as an editor would, then reads every page again. A page must show the
change exactly when a fresh rendering of it does (the same path with a query string
of its own is a separate cache entry, so it is rendered anew).
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings
from wagtail.models import Page, Site

from core.models import FooterSettings
from core.pagecache import page_cache
from services.models import ServicePage, Theme

pytestmark = pytest.mark.django_db


def public_urls():
    urls = []
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        url = page.get_url()
        if url and getattr(page, "page_cache", True):
            urls.append(url)
    return sorted(urls)


def cache_every_page(client):
    urls = public_urls()
    for url in urls:
        client.get(url)
    assert all(client.get(url)["X-Page-Cache"] == "hit" for url in urls)
    return urls


def reread(client, urls, text):
    """``{url: (cache header, shows text)}``, and the pages whose cached answer
    disagrees with a fresh rendering about ``text``."""
    seen, wrong = {}, []
    for number, url in enumerate(urls):
        cached = client.get(url)
        fresh = client.get(f"{url}?fresh={number}")
        assert fresh["X-Page-Cache"] == "miss"
        shows = text in cached.content.decode()
        seen[url] = (cached["X-Page-Cache"], shows)
        if shows != (text in fresh.content.decode()):
            wrong.append(url)
    return seen, wrong


def toekomstcoach():
    return ServicePage.objects.get(slug="toekomstcoach", locale__language_code="nl")


def test_publishing_a_service_refreshes_every_page_that_shows_it(client, demo_site):
    urls = cache_every_page(client)
    service = toekomstcoach()
    service.title = "Toekomstcoach Plus"
    service.save_revision().publish()

    seen, wrong = reread(client, urls, "Toekomstcoach Plus")
    assert wrong == []
    showing = {url for url, (_, shows) in seen.items() if shows}
    # The page itself, the index that lists it and the measures it belongs to.
    assert "/nl/diensten/toekomstcoach/" in showing
    assert "/nl/diensten/" in showing
    assert any(url.startswith("/nl/maatregelen/") for url in showing)
    # Precise: pages that do not show the service are still served from the cache.
    kept = {url for url, (header, _) in seen.items() if header == "hit"}
    assert "/nl/regios/mee-groningen/" in kept
    assert "/en/services/future-coach/" not in showing
    assert len(kept) > len(urls) // 2, seen


def test_saving_a_draft_purges_nothing(client, demo_site):
    urls = cache_every_page(client)
    service = toekomstcoach()
    service.title = "Concepttitel"
    service.save_revision()
    seen, wrong = reread(client, urls, "Concepttitel")
    assert wrong == [] and not any(shows for _, shows in seen.values())
    assert all(header == "hit" for header, _ in seen.values()), seen


def test_unpublishing_a_service_takes_it_off_every_page(client, demo_site):
    urls = cache_every_page(client)
    toekomstcoach().unpublish()
    index = client.get("/nl/diensten/")
    assert index["X-Page-Cache"] == "miss"
    assert "/nl/diensten/toekomstcoach/" not in index.content.decode()
    assert client.get("/nl/diensten/toekomstcoach/").status_code == 404
    urls.remove("/nl/diensten/toekomstcoach/")
    _, wrong = reread(client, urls, 'href="/nl/diensten/toekomstcoach/"')
    assert wrong == []


def test_renaming_a_theme_refreshes_the_services_tagged_with_it(client, demo_site):
    urls = cache_every_page(client)
    theme = Theme.objects.filter(
        locale__language_code="nl", services__live=True
    ).first()
    theme.name = "Een nieuwe themanaam"
    theme.save()
    seen, wrong = reread(client, urls, "Een nieuwe themanaam")
    assert wrong == []
    assert any(shows for _, shows in seen.values())
    assert any(header == "hit" for header, _ in seen.values())


def test_a_footer_change_refreshes_every_page(client, demo_site):
    urls = cache_every_page(client)
    footer = FooterSettings.for_site(Site.objects.get(is_default_site=True))
    footer.organisation = "MEE Nederland (nieuw)"
    footer.save()
    seen, wrong = reread(client, urls, "MEE Nederland (nieuw)")
    assert wrong == []
    assert all(header == "miss" for header, _ in seen.values())


def test_a_page_in_the_menu_refreshes_every_page(client, demo_site):
    urls = cache_every_page(client)
    services = Page.objects.get(url_path__endswith="/diensten/").specific
    services.title = "Alle diensten"
    services.save_revision().publish()
    seen, wrong = reread(client, urls, "Alle diensten")
    assert wrong == []
    dutch = [url for url in urls if url.startswith("/nl/")]
    assert all(seen[url][1] for url in dutch), seen


def test_the_marks_are_shared_state_not_process_state(client, demo_site):
    client.get("/nl/diensten/toekomstcoach/")
    service = toekomstcoach()
    service.title = "Toekomstcoach Plus"
    service.save_revision().publish()
    # What another app instance sees: the cache, not this process's memory.
    assert page_cache().get(f"purge:page:{service.pk}") is not None
    assert page_cache().get("purge:sequence") >= 1


class PurgeRecorder(BaseHTTPRequestHandler):
    purged = []

    def do_PURGE(self):
        self.purged.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, format, *args):
        """The request log would fill the test output."""


@pytest.fixture
def caching_proxy():
    """A loopback HTTP server that records the PURGE requests a proxy would get."""
    PurgeRecorder.purged = []
    with ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_port}", PurgeRecorder.purged
        server.shutdown()


def test_the_frontend_cache_is_purged_for_the_same_pages(
    demo_site, caching_proxy, django_capture_on_commit_callbacks
):
    location, purged = caching_proxy
    backends = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
    with (
        override_settings(WAGTAILFRONTENDCACHE=backends),
        django_capture_on_commit_callbacks(execute=True),
    ):
        service = toekomstcoach()
        service.title = "Toekomstcoach Plus"
        service.save_revision().publish()
    assert "/nl/diensten/toekomstcoach/" in purged
    assert "/nl/diensten/" in purged
    assert "/nl/regios/mee-groningen/" not in purged
    assert not any(path.startswith("/en/diensten/") for path in purged)
