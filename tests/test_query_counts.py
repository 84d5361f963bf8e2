"""Rendering a page costs the same number of queries however much content there is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal import demo

pytestmark = pytest.mark.django_db

URLS = demo.PAGE_TYPE_URLS


def query_counts(client):
    counts = {}
    for name, url in URLS.items():
        client.get(url)  # warm per-process caches (site root paths, content types)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[name] = len(queries)
    return counts


def test_query_counts_do_not_grow_with_content(client, demo_site):
    before = query_counts(client)
    demo.generate_pages(40)
    after = query_counts(client)
    assert after == before
    assert max(before.values()) <= 25, before
