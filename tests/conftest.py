import os
import shutil
import time
from contextlib import contextmanager, nullcontext

import pytest
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.management import call_command
from django.db.models.signals import post_delete, post_save
from django.test import override_settings
from django.utils import translation
from modelsearch.index import class_is_indexed, get_indexed_models
from modelsearch.management.commands.rebuild_modelsearch_index import (
    group_models_by_index,
)
from wagtail.models import Collection, Locale, Page

from contact.forms import STARTED_SALT
from home.models import HomePage
from offices import reference_data
from offices.models import Municipality, PostcodeArea
from portal import demo
from portal.editorial import ensure_editorial_setup
from services.models import SchoolType, ServicePage

from .smtp import SMTPServer

# Playwright's sync API runs an event loop in the test thread; the ORM calls these
# tests make around it are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CONTACT_URL = "/nl/contact/"


@pytest.fixture(scope="session", autouse=True)
def _media_root_cleanup():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def smtp_server():
    """The SMTP server every test's mail goes to; tests may stop and restart it."""
    server = SMTPServer()
    server.start()
    # pytest-django switches to the in-memory mail backend; these tests use SMTP.
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_PORT=server.port,
    ):
        yield server
    server.stop()


@pytest.fixture
def mailbox(smtp_server):
    """The messages received during one test."""
    if smtp_server.controller is None:
        smtp_server.start()
    smtp_server.inbox.messages.clear()
    yield smtp_server.inbox
    if smtp_server.controller is None:
        smtp_server.start()


@pytest.fixture(autouse=True)
def _default_language():
    """A test that activates a language must not leave it to the next one."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Wagtail caches site root paths; a rolled-back test must not leave them behind."""
    yield
    cache.clear()


# The engines the engine-dependent search tests run on (`pytest.mark.engines`):
# OpenSearch is the suite's default backend, Elasticsearch the second one that
# settings.test defines.
ENGINES = ("opensearch", "elasticsearch")


class SearchIndexState:
    """Whether each engine's page index still mirrors the session's demo database.

    Rolled-back tests cannot roll back the search engine: any test that saves an
    indexed object marks the index of the engine in use stale, and the next test that
    reads that engine rebuilds it from the (rolled-back) database first.
    """

    stale = dict.fromkeys(ENGINES, True)
    # Engines whose indexes exist; the others get all of theirs built on first use.
    built = {"opensearch"}
    current = "opensearch"


def _mark_stale(sender, **kwargs):
    if class_is_indexed(sender):
        SearchIndexState.stale[SearchIndexState.current] = True


def rebuild_page_index():
    """Rebuilds the page index as ``update_index`` does (new index, alias swap)."""
    from search.query import engine_backend

    backend = engine_backend()
    page_index = backend.page_index_name()
    for index, models in group_models_by_index(backend, get_indexed_models()).items():
        if index.name != page_index:
            continue
        rebuilder = backend.rebuilder_class(index)
        new_index = rebuilder.start()
        for model in models:
            new_index.add_model(model)
        for model in models:
            new_index.add_items(model, list(model.get_indexed_objects()))
        rebuilder.finish()
    SearchIndexState.stale[SearchIndexState.current] = False


@contextmanager
def using_engine(engine):
    """Makes ``engine`` the default search backend, its page index up to date."""
    # OpenSearch is the configured default: left as it is, its client is reused.
    switch = nullcontext()
    if engine != "opensearch":
        backends = settings.PORTAL_TEST_ELASTICSEARCH_BACKENDS
        if backends is None:
            pytest.fail(
                "PORTAL_ELASTICSEARCH_URL is not set: the search tests also run on "
                "Elasticsearch. `make test` starts it; by hand: "
                "export PORTAL_ELASTICSEARCH_URL=$(scripts/elasticsearch/start.sh)"
            )
        switch = override_settings(WAGTAILSEARCH_BACKENDS=backends)
    previous = SearchIndexState.current
    SearchIndexState.current = engine
    try:
        with switch:
            if engine not in SearchIndexState.built:
                call_command("update_index", backend_name="default", verbosity=0)
                SearchIndexState.built.add(engine)
                SearchIndexState.stale[engine] = False
            elif SearchIndexState.stale[engine]:
                rebuild_page_index()
            yield
    finally:
        SearchIndexState.current = previous


def pytest_generate_tests(metafunc):
    """Runs the tests of modules marked ``engines`` on every engine."""
    if metafunc.definition.get_closest_marker("engines") and (
        "search_engine" in metafunc.fixturenames
    ):
        metafunc.parametrize("search_engine", ENGINES, indirect=True)


def pytest_terminal_summary(terminalreporter):
    """Prints the relevance figures the school-query test records, per engine."""
    lines = [
        value
        for report in terminalreporter.stats.get("passed", [])
        + terminalreporter.stats.get("failed", [])
        for name, value in getattr(report, "user_properties", [])
        if name == "school_queries"
    ]
    if lines:
        terminalreporter.section("school queries (search/school_queries.py)")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Builds the demo site once; every test then runs in a transaction rolled back."""
    post_save.connect(_mark_stale, dispatch_uid="tests_search_stale_save")
    post_delete.connect(_mark_stale, dispatch_uid="tests_search_stale_delete")
    with django_db_blocker.unblock():
        call_command("update_index", backend_name="default", verbosity=0)
        demo.load_site()
        rebuild_page_index()


@pytest.fixture
def search_engine(request, db):
    """The search backend, its page index matching the database this test starts on.

    OpenSearch, or the engine named by the ``engines`` parametrisation.
    """
    from search.query import engine_backend

    with using_engine(getattr(request, "param", "opensearch")):
        backend = engine_backend()
        assert backend is not None, "the suite runs on the real search engine"
        yield backend


def refresh_index(backend):
    """Makes what the test just saved searchable (the engine refreshes every 1 s)."""
    backend.es.indices.refresh(index=backend.page_index_name())


@pytest.fixture
def live_demo(transactional_db, live_server):
    """A live server holding the demo site.

    Live-server tests empty the database after they run (post_migrate then restores
    content types and permissions), so the rows that data migrations made (Wagtail's
    root page, locale and collection, the municipalities) are rebuilt before the demo.
    """
    if not Locale.objects.exists():
        Locale.objects.create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(
            instance=Page(title="Root", slug="root", locale=Locale.get_default())
        )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if not Municipality.objects.exists():
        reference_data.load(Municipality, PostcodeArea)
    ensure_editorial_setup()
    demo.load_site()
    rebuild_page_index()
    return live_server


@pytest.fixture
def demo_site(db):
    """The whole Dutch demo site, as ``load_demo_content`` builds it."""
    return HomePage.objects.get(locale__language_code="nl")


def stamp(seconds_ago=30):
    return signing.dumps(time.time() - seconds_ago, salt=STARTED_SALT)


@pytest.fixture
def valid_data(demo_site):
    """A complete, valid contact request from a school in Groningen."""
    return {
        "school_name": "Basisschool De Regenboog",
        "brin_code": "12ab",
        "contact_name": "Sanne de Vries",
        "role": "Intern begeleider",
        "email": "ib@regenboog.example.org",
        "phone": "050 123 45 67",
        "postcode": "9711 AB",
        "municipality": "",
        "school_type": SchoolType.objects.get(slug="po", locale__language_code="nl").pk,
        "service": ServicePage.objects.get(slug="schoolmaatschappelijk-werk").pk,
        "question": "Wij zoeken ondersteuning voor een groep leerlingen.",
        "consent": "on",
        "website": "",
        "started": stamp(),
    }


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is missing; `make test` installs it.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(browser):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()
