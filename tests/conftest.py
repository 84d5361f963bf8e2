import fcntl
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, connections
from django.db.models.signals import post_delete, post_save
from django.test import override_settings
from django.utils import translation
from modelsearch.index import class_is_indexed, get_indexed_models
from modelsearch.management.commands.rebuild_modelsearch_index import (
    group_models_by_index,
)

from contact.forms import STARTED_SALT
from home.models import HomePage
from portal import demo
from services.models import ServicePage

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
    """Wagtail caches site root paths, the page cache whole pages: a rolled-back test
    must not leave them behind."""
    yield
    for alias in settings.CACHES:
        caches[alias].clear()


# The engines the engine tier runs on: OpenSearch, the production engine, and
# Elasticsearch for the tests marked ``engines`` (settings.test defines both).
ENGINES = ("opensearch", "elasticsearch")
# Tests that use one of these fixtures need a running engine: they get the ``engine``
# marker automatically (``pytest_collection_modifyitems``).
ENGINE_FIXTURES = {"search_engine", "live_demo"}
HOW_TO_START = {
    "opensearch": (
        "PORTAL_SEARCH_URL is not set. `make test` starts OpenSearch; by hand: "
        "export PORTAL_SEARCH_URL=$(scripts/opensearch/start.sh)"
    ),
    "elasticsearch": (
        "PORTAL_ELASTICSEARCH_URL is not set: the search tests also run on "
        "Elasticsearch. `make test` starts it; by hand: "
        "export PORTAL_ELASTICSEARCH_URL=$(scripts/elasticsearch/start.sh)"
    ),
}


class SearchIndexState:
    """Whether each engine's page index still mirrors the session's demo database.

    Rolled-back tests cannot roll back the search engine: any test that saves an
    indexed object while an engine is in use marks that engine's index stale, and the
    next test that reads that engine rebuilds it from the (rolled-back) database
    first. Saves on the database backend (the fast tier) roll back with the test.
    """

    stale = dict.fromkeys(ENGINES, True)
    # Engines whose indexes this worker has built; the others get all of theirs
    # built on first use.
    built = set()
    # The engine in use, None while the database backend is.
    current = None


def _mark_stale(sender, **kwargs):
    if SearchIndexState.current is not None and class_is_indexed(sender):
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
    backends = settings.PORTAL_TEST_ENGINE_BACKENDS[engine]
    if backends is None:
        pytest.fail(
            f"This test needs a search engine (engine tier): {HOW_TO_START[engine]}"
        )
    previous = SearchIndexState.current
    SearchIndexState.current = engine
    try:
        with override_settings(WAGTAILSEARCH_BACKENDS=backends):
            if engine not in SearchIndexState.built:
                call_command("update_index", backend_name="default", verbosity=0)
                SearchIndexState.built.add(engine)
                SearchIndexState.stale[engine] = False
            elif SearchIndexState.stale[engine]:
                rebuild_page_index()
            yield
    finally:
        SearchIndexState.current = previous


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Marks ``engine`` every test that needs a running engine, before ``-m``."""
    for item in items:
        uses = set(getattr(item, "fixturenames", ()))
        if item.get_closest_marker("engines") or uses & ENGINE_FIXTURES:
            item.add_marker(pytest.mark.engine)


def pytest_generate_tests(metafunc):
    """Runs the tests of modules marked ``engines`` on every engine."""
    if metafunc.definition.get_closest_marker("engines") and (
        "search_engine" in metafunc.fixturenames
    ):
        metafunc.parametrize("search_engine", ENGINES, indirect=True)


def tier_of(keywords):
    if "scale" in keywords:
        return "scale"
    if "browser" in keywords:
        return "browser"
    return "engine" if "engine" in keywords else "fast"


class TierTimes:
    """Seconds spent in each tier's tests (set-up and tear-down included), summed
    over the xdist workers."""

    seconds = {}
    tests = {}


def pytest_runtest_logreport(report):
    tier = tier_of(report.keywords)
    TierTimes.seconds[tier] = TierTimes.seconds.get(tier, 0) + report.duration
    if report.when == "call":
        TierTimes.tests[tier] = TierTimes.tests.get(tier, 0) + 1


def pytest_terminal_summary(terminalreporter):
    """Prints the time per tier, and the relevance figures the school-query test
    records, per engine."""
    if TierTimes.tests:
        terminalreporter.section("time per tier (summed over workers)")
        for tier in ("fast", "engine", "browser", "scale"):
            if tier in TierTimes.tests:
                terminalreporter.write_line(
                    f"{tier}: {TierTimes.tests[tier]} tests, "
                    f"{TierTimes.seconds[tier]:.0f} s"
                )
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


def _uses_live_database(item):
    fixtures = getattr(item, "fixturenames", ())
    # The scale tier's instances run on a copy of the demo template.
    return any(f in fixtures for f in ("transactional_db", "live_server", "cluster"))


class DemoDatabase:
    """The worker's demo database, kept as a PostgreSQL template for the tests that
    commit (live-server tests): after one of them, the database is restored from it
    before the next test starts."""

    blocker = None
    dirty = False

    @staticmethod
    def template():
        return f"{connection.settings_dict['NAME']}_demo"

    @staticmethod
    def copy(source, target):
        """``target`` becomes a copy of ``source``; nobody may be connected to it."""
        connections.close_all()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    """Restores the demo database before the test after one that committed.

    Here rather than in a fixture's tear-down: pytest-django empties the tables
    after a live-server test that also has the ``django_db`` marker, and that
    happens after every fixture of ours is torn down.
    """
    if DemoDatabase.dirty:
        with DemoDatabase.blocker.unblock():
            DemoDatabase.copy(DemoDatabase.template(), connection.settings_dict["NAME"])
        DemoDatabase.dirty = False
    return (yield)


class SharedBuild:
    """Under pytest-xdist, one worker migrates and builds the demo; the others copy
    its database (``TEST["TEMPLATE"]``) instead of doing the same work again.

    The first worker to take the lock builds and names its template in the marker
    file; the lock is held until the demo is built, so the others wait for it.
    """

    lock = None
    copied = False

    @staticmethod
    def files():
        run = os.environ["PYTEST_XDIST_TESTRUNUID"]
        stem = Path(tempfile.gettempdir()) / f"mee-portal-tests-{run}"
        return stem.with_suffix(".lock"), stem.with_suffix(".template")

    @classmethod
    def start(cls):
        if "PYTEST_XDIST_TESTRUNUID" not in os.environ:
            return
        lock_path, marker = cls.files()
        cls.lock = lock_path.open("a")
        fcntl.flock(cls.lock, fcntl.LOCK_EX)
        if marker.exists():
            settings.DATABASES["default"]["TEST"]["TEMPLATE"] = marker.read_text()
            cls.copied = True

    @classmethod
    def built(cls, template):
        if cls.lock is None:
            return
        if not cls.copied:
            cls.files()[1].write_text(template)
        fcntl.flock(cls.lock, fcntl.LOCK_UN)
        cls.lock.close()

    @classmethod
    def finish(cls):
        if cls.lock is not None and not cls.copied:
            for path in cls.files():
                path.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    SharedBuild.start()


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    """Builds the demo site once; tests then start from it.

    Most tests run in a transaction that is rolled back. Live-server tests cannot:
    the demo database is kept as a PostgreSQL template (``DemoDatabase``), which the
    other xdist workers copy too (``SharedBuild``).
    """
    post_save.connect(_mark_stale, dispatch_uid="tests_search_stale_save")
    post_delete.connect(_mark_stale, dispatch_uid="tests_search_stale_delete")
    DemoDatabase.blocker = django_db_blocker
    keep_template = SharedBuild.lock is not None or any(
        _uses_live_database(item) for item in request.session.items
    )
    with django_db_blocker.unblock():
        if not SharedBuild.copied:
            demo.load_site()
        if keep_template:
            DemoDatabase.copy(connection.settings_dict["NAME"], DemoDatabase.template())
    SharedBuild.built(DemoDatabase.template())
    yield
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        # The live server's request threads may still hold a connection, which would
        # keep pytest-django from dropping the test database.
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            [connection.settings_dict["NAME"]],
        )
        cursor.execute(f'DROP DATABASE IF EXISTS "{DemoDatabase.template()}"')
    SharedBuild.finish()


@pytest.fixture
def transactional_db(django_db_setup, django_db_blocker):
    """The database without a test transaction, as a live server needs it.

    Replaces pytest-django's, which empties every table afterwards: the demo
    database is restored from its template before the next test instead, so that
    one starts from the pristine demo again and no demo is rebuilt per test.
    """
    with django_db_blocker.unblock():
        yield
    DemoDatabase.dirty = True


@pytest.fixture
def search_engine(request, db):
    """The search backend, its page index matching the database this test starts on.

    OpenSearch, or the engine named by the ``engines`` parametrisation.
    """
    from search.query import engine_backend

    with using_engine(getattr(request, "param", "opensearch")):
        backend = engine_backend()
        assert backend is not None, "the engine tier runs on the real search engine"
        yield backend


def refresh_index(backend):
    """Makes what the test just saved searchable (the engine refreshes every 1 s)."""
    backend.es.indices.refresh(index=backend.page_index_name())


@pytest.fixture
def live_demo(transactional_db, live_server):
    """A live server holding the pristine demo site, searched on OpenSearch as in
    production."""
    with using_engine("opensearch"):
        yield live_server


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
        "school_type": "po",
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
    # Parallel workers and coverage share two cores: one heavy admin action (a whole
    # locale synchronised) can take longer than Playwright's default 30 s.
    context.set_default_timeout(60_000)
    page = context.new_page()
    yield page
    context.close()
