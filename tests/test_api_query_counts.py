"""Read API answers cost the same number of queries however much content there is."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from api.caching import etag_for
from core.versions import content_version
from portal import demo
from services.models import ServicePage

from .conftest import refresh_index

pytestmark = pytest.mark.django_db


def urls():
    service = ServicePage.objects.get(slug="toekomstcoach")
    index = service.get_parent()
    expand = "breadcrumbs,navigation,translations"
    return {
        "service": f"/api/v3/content/pages/{service.pk}/?expand={expand}",
        "service index": f"/api/v3/content/pages/{index.pk}/",
        "resolve article": (
            "/api/v3/resolve/?path=/nl/actueel/"
            f"steunpakket-voor-leerachterstand-in-onderwijs/&expand={expand}"
        ),
        "resolve service": (
            f"/api/v3/resolve/?path=/nl/diensten/toekomstcoach/&expand={expand}"
        ),
        "home": "/api/v3/resolve/?path=/nl/",
        "navigation": "/api/v3/navigation/?depth=4",
        "search": "/api/v3/search/?q=ondersteuning",
        "site": "/api/v3/site/",
        "vocabulary": "/api/v3/vocabularies/measures/",
    }


def forget_answer(url):
    """Deletes the answer the API cache keeps for ``url``: what is counted is the
    view's work, with the process's memos of the content version warm."""
    etag = etag_for(RequestFactory().get(url), content_version())
    assert caches["pages"].delete(f"api:{etag}"), url


def query_counts(client):
    counts = {}
    for name, url in urls().items():
        client.get(url)  # warm per-process caches (site root paths, content types)
        forget_answer(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[name] = len(queries)
        # The view's answer is the one the cache keeps.
        assert response.content == client.get(url).content, url
    return counts


def test_query_counts_do_not_grow_with_content(client, search_engine, demo_site):
    before = query_counts(client)
    demo.generate_pages(40)
    ServicePage.objects.filter(slug__startswith="gegenereerde").update(
        show_in_menus=True
    )
    refresh_index(search_engine)
    after = query_counts(client)
    assert after == before
    assert max(before.values()) <= 15, before
    # A page the router found costs no query to find or to check: what is left
    # is its content (measures, translations, three vocabularies).
    assert before["resolve service"] <= 5, before
