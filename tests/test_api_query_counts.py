"""Read API answers cost the same number of queries however much content there is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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
        "home": "/api/v3/resolve/?path=/nl/",
        "navigation": "/api/v3/navigation/?depth=4",
        "search": "/api/v3/search/?q=ondersteuning",
        "site": "/api/v3/site/",
        "vocabulary": "/api/v3/vocabularies/measures/",
    }


def query_counts(client):
    counts = {}
    for name, url in urls().items():
        client.get(url)  # warm per-process caches (site root paths, content types)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[name] = len(queries)
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
    assert max(before.values()) <= 30, before
