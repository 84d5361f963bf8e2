"""Rendering a page costs the same number of queries however much content there is."""

import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page
from wagtail_localize.synctree import create_aliases_for_new_page

from contact.models import ContactFormPage
from core.factories import stream
from home.models import ArticlePage, HomePage
from portal import demo
from services.factories import ServicePageFactory
from services.models import ServiceIndexPage

from .conftest import stamp

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uncached(settings):
    """What is counted is rendering: a page served from the page cache costs none."""
    settings.PORTAL_PAGE_CACHE_SECONDS = 0


URLS = demo.PAGE_TYPE_URLS
ARTICLE = "steunpakket-voor-leerachterstand-in-onderwijs"


def english_urls():
    """The English version of each demo page type (translated with wagtail-localize)."""
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=Locale.get_default())
    urls = {}
    for name, url in URLS.items():
        page = Page.objects.get(url_path=home.url_path + url.removeprefix("/nl/"))
        urls[f"{name} (en)"] = page.get_translation(english).url
    return urls


def query_counts(client):
    counts = {}
    for name, url in {**URLS, **english_urls()}.items():
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
    assert len(before) == 2 * len(URLS)
    # The pages on the way, the menu, restrictions and locales are read once per
    # content version; what is left is each page's own content.
    assert max(before.values()) <= 10, before


def english_article_with_links(count):
    """The English demo article linking ``count`` times (in a link list and in rich
    text) to pages that have only their synchronised English alias."""
    english = Locale.objects.get(language_code="en")
    index = ServiceIndexPage.objects.get(locale=Locale.get_default())
    aliases = []
    for number in range(count):
        dutch = ServicePageFactory(
            parent=index,
            title=f"Onvertaald {count}.{number}",
            slug=f"onvertaald-{count}-{number}",
        )
        create_aliases_for_new_page(dutch)
        aliases.append(dutch.get_translation(english))
    article = ArticlePage.objects.get(slug=ARTICLE).get_translation(english)
    article.body = stream(
        (
            "link_list",
            {"links": [{"page": alias.pk, "url": "", "text": ""} for alias in aliases]},
        ),
        (
            "paragraph",
            "".join(
                f'<p><a linktype="page" id="{alias.pk}">{alias.title}</a></p>'
                for alias in aliases
            ),
        ),
    )
    article.save_revision().publish()
    return article


def test_links_to_untranslated_pages_cost_the_same_however_many(client, demo_site):
    """Each link to an untranslated page leads to its Dutch page: found for all
    links at once, not one query per link."""
    counts = {}
    for count in (1, 6):
        article = english_article_with_links(count)
        client.get(article.url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(article.url)
        main = BeautifulSoup(response.content, "html.parser").select_one("main")
        dutch_links = main.select('a[hreflang="nl"][href^="/nl/diensten/onvertaald-"]')
        assert len(dutch_links) == 2 * count
        counts[count] = len(queries)
    assert counts[6] == counts[1], counts


def test_a_contact_post_reads_only_what_the_school_sent(client, valid_data, settings):
    """Once the process holds the content version, a post asks the database for the
    postcode's municipalities and the chosen service, and writes the request and
    its mail task: the page, its restrictions, the offices and the school types
    are kept for the version."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    url = ContactFormPage.objects.get(locale__language_code="nl").url
    assert client.post(url, {**valid_data, "started": stamp()}).status_code == 302
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {**valid_data, "started": stamp()})
    assert response.status_code == 302
    # The test's own transaction gives the INSERT a savepoint; alone, it has none.
    statements = [
        query["sql"]
        for query in queries.captured_queries
        if "SAVEPOINT" not in query["sql"]
    ]
    tables = [re.search(r'(?:FROM|INTO) "(\w+)"', sql).group(1) for sql in statements]
    assert tables == [
        "services_servicepage",
        "offices_postcodearea",
        "contact_contactrequest",
        "django_tasks_database_dbtaskresult",
    ], tables
