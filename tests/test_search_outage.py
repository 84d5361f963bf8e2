"""Search survives its engine: killed, restarted empty, or its index deleted.

A private OpenSearch node of this module's own (scripts/opensearch/start.sh with its
own state file, so the suite's engine is not disturbed) is killed with SIGKILL and
started again on the same port, empty, as after a crash. Index updates run through
django-tasks' database backend and are then run as the worker runs them. The test
that kills the node comes last: each start of a node takes 10-20 s.
"""

import os
import signal
import socket
import subprocess
import time
from datetime import timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone, translation
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max
from wagtail.models import Page
from wagtail_factories import DocumentFactory, ImageFactory

from home.models import HomePage
from search.query import search_pages
from search.resilience import (
    DATABASE_BACKEND,
    FALLBACK_HEADER,
    NOTICE,
    engine_backend,
)
from search.tasks import REBUILD_LOCK, rebuild
from services.models import ServicePage

from .editorial_helpers import editor

pytestmark = [pytest.mark.engine, pytest.mark.django_db]

REPO = Path(__file__).resolve().parent.parent
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class PrivateEngine:
    """An OpenSearch node this module starts, kills and starts again itself."""

    def __init__(self, directory):
        self.state = directory / "os.state"
        self.port = None
        self.url = None

    def _env(self):
        env = {**os.environ, "OPENSEARCH_STATE": str(self.state)}
        if self.port:
            env["OPENSEARCH_PORT"] = str(self.port)
        return env

    def start(self):
        self.url = subprocess.run(
            [REPO / "scripts/opensearch/start.sh"],
            env=self._env(),
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        self.port = int(self.url.rsplit(":", 1)[1])

    def pid(self):
        for line in self.state.read_text().splitlines():
            key, _, value = line.partition("=")
            if key == "pid":
                return int(value)
        raise AssertionError(f"no pid in {self.state}")

    def alive(self):
        with socket.socket() as sock:
            return sock.connect_ex(("127.0.0.1", self.port)) == 0

    def kill(self):
        """SIGKILL, as a crash or the OOM killer would; returns once it is gone."""
        os.kill(self.pid(), signal.SIGKILL)
        for _ in range(100):
            if not self.alive():
                return
            time.sleep(0.1)
        raise AssertionError("the engine still answers after SIGKILL")

    def stop(self):
        subprocess.run(
            [REPO / "scripts/opensearch/stop.sh"], env=self._env(), check=False
        )


@pytest.fixture(scope="module")
def private_engine(tmp_path_factory):
    node = PrivateEngine(tmp_path_factory.mktemp("outage-engine"))
    node.start()
    yield node
    node.stop()


@pytest.fixture
def on_private_engine(private_engine, demo_site, settings):
    """The portal on the private engine, its indexes built from this test's data."""
    if not private_engine.alive():
        # Killed by the test before: back on its address, empty.
        private_engine.stop()
        private_engine.start()
    backends = {
        name: dict(config) for name, config in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    backends["default"] = {
        **backends["default"],
        "BACKEND": "search.backends.OpenSearch2Backend",
        "URLS": [private_engine.url],
        "INDEX_PREFIX": "outage_",
    }
    # As production has it: the database backend kept up to date beside the engine.
    backends.setdefault("fallback", {"BACKEND": DATABASE_BACKEND})
    settings.WAGTAILSEARCH_BACKENDS = backends
    # Every search and update looks at the engine again at once, so the test need
    # not wait out the interval.
    settings.PORTAL_SEARCH_CHECK_SECONDS = 0
    rebuild(engine_backend())
    ImageFactory(title="Schoolplein")
    DocumentFactory(title="Schoolgids")
    return private_engine


def documents(backend, name):
    backend.es.indices.refresh(index=name)
    return backend.es.count(index=name)["count"]


def run_due_tasks(now=None):
    """Runs the queued tasks that are due, as ``db_worker`` does; returns outcomes.

    The worker's own loop is not used: it closes the database connection between
    tasks, which would end the test's transaction. Each task is run through the
    database backend's own bookkeeping, so FAILED and SUCCESSFUL are recorded.
    """
    now = now or timezone.now()
    outcomes = []
    for _ in range(100):
        due = DBTaskResult.objects.filter(status=TaskResultStatus.READY).filter(
            Q(run_after=get_date_max()) | Q(run_after__lte=now)
        )
        result = due.order_by("enqueued_at").first()
        if result is None:
            return outcomes
        result.claim("test-worker")
        args = result.args_kwargs
        try:
            result.task.call(*args["args"], **args["kwargs"])
        except Exception as error:
            result.set_failed(error)
            outcomes.append((result.task_path.rsplit(".", 1)[1], "FAILED"))
        else:
            result.set_successful(None)
            outcomes.append((result.task_path.rsplit(".", 1)[1], "SUCCESSFUL"))
    raise AssertionError(f"tasks keep coming: {outcomes[-10:]}")


def superuser():
    return get_user_model().objects.create_superuser(
        "outage-admin", "outage-admin@example.org", "x"
    )


def notice_shown(response):
    # The admin speaks Dutch unless the user chose otherwise.
    with translation.override("nl"):
        notice = str(NOTICE)
    assert notice.startswith("De zoekmachine is op dit moment niet beschikbaar")
    return notice in response.content.decode()


def health_panel(client):
    """The dashboard's search line: (state, {index name: its line})."""
    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
    panel = soup.select_one("#search-health-heading").parent
    state = panel.select_one(".search-health")["data-state"]
    lines = {
        item["data-index"]: " ".join(item.get_text().split())
        for item in panel.select("li[data-index]")
    }
    return state, panel.get_text(" ", strip=True), lines


def test_a_query_the_engine_refuses_is_answered_and_the_engine_stays_up(
    on_private_engine, client
):
    # Past the engine's result window (10,000 hits): the engine answers 400.
    backend = engine_backend()
    for url in (
        "/api/v3/pages/?search=vroeghulp&offset=20000",
        "/api/v3/images/?search=schoolplein&offset=20000",
        "/api/v3/documents/?search=schoolgids&offset=20000",
    ):
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        assert response.json()["items"] == [], url
    # One reader's odd request does not send everybody to the database.
    assert not backend.state().down
    response = client.get("/api/v3/search/?q=vroeghulp")
    assert FALLBACK_HEADER not in response
    assert response.json()["results"][0]["title"] == "Integrale Vroeghulp"


def test_an_emptied_index_is_rebuilt_by_the_worker(on_private_engine, client, settings):
    settings.TASKS = DATABASE_TASKS
    backend = engine_backend()
    name = backend.page_index_name()
    expected = Page.objects.count()
    assert documents(backend, name) == expected
    backend.es.indices.delete(index=list(backend.es.indices.get_alias(name=name)))

    # The search that finds the index gone answers from the database and queues
    # the rebuild; it does not wait for it.
    response = client.get("/api/v3/search/?q=vroeghulp")
    assert response.status_code == 200 and response[FALLBACK_HEADER] == "database"
    body = response.json()
    assert body["fallback_used"] is True
    assert body["results"][0]["title"] == "Integrale Vroeghulp"
    assert not backend.es.indices.exists(index=name)
    assert (
        DBTaskResult.objects.filter(
            task_path="search.tasks.rebuild_search_index"
        ).count()
        == 1
    )
    client.force_login(superuser())
    state, text, lines = health_panel(client)
    assert state == "fallback" and "wordt opgebouwd" in text
    assert "ontbreekt" in lines["outage_wagtailcore_page"]
    assert "Het opnieuw opbouwen van de index staat in de wachtrij" in text
    # Later searches do not queue it again.
    client.get("/api/v3/search/?q=vroeghulp")
    assert (
        DBTaskResult.objects.filter(
            task_path="search.tasks.rebuild_search_index"
        ).count()
        == 1
    )

    assert run_due_tasks() == [("rebuild_search_index", "SUCCESSFUL")]
    assert backend.es.indices.exists_alias(name=name)
    assert documents(backend, name) == expected
    assert cache.get(REBUILD_LOCK) is None

    response = client.get("/api/v3/search/?q=vroeghulp")
    assert FALLBACK_HEADER not in response
    body = response.json()
    assert body["fallback_used"] is False
    assert body["results"][0]["title"] == "Integrale Vroeghulp"


def test_an_outage_from_the_kill_to_the_recovery(
    on_private_engine, client, demo_site, settings
):
    """Every search surface answers while the engine is down; a page published
    meanwhile is found once it is back, empty, without anyone running a command.

    One test, so that the node is killed and started again once (10-20 s each).
    """
    settings.TASKS = DATABASE_TASKS
    backend = engine_backend()
    home = HomePage.objects.get(locale__language_code="nl")
    answer = client.get("/api/v3/pages/?search=vroeghulp")
    assert answer.status_code == 200 and FALLBACK_HEADER not in answer

    admin_user = superuser()
    client.force_login(admin_user)
    state, text, lines = health_panel(client)
    pages = Page.objects.count()
    assert state == "up" and "Bereikbaar" in text
    assert lines["outage_wagtailcore_page"].startswith(
        f"Pagina's: {pages} van {pages} in de index, "
    )
    assert "geleden opgebouwd" in lines["outage_wagtailcore_page"]
    client.logout()

    on_private_engine.kill()

    api = {
        "/api/v3/pages/?search=vroeghulp": "Integrale Vroeghulp",
        "/api/v3/images/?search=schoolplein": "Schoolplein",
        "/api/v3/documents/?search=schoolgids": "Schoolgids",
        "/api/v3/search/?q=vroeghulp": "Integrale Vroeghulp",
    }
    for url, title in api.items():
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        assert response["Content-Type"].startswith("application/json"), url
        assert response[FALLBACK_HEADER] == "database", url
        assert response["Cache-Control"] == "no-store" and "ETag" not in response
        assert title in response.content.decode(), url
    public = {
        "/nl/search/?q=vroeghulp": "Integrale Vroeghulp",
        "/nl/search/autocomplete/?q=vroeg": "Integrale Vroeghulp",
    }
    for url, title in public.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert title in response.content.decode(), url

    admin = {
        "/admin/pages/search/?q=vroeghulp": "Integrale Vroeghulp",
        "/admin/pages/search/results/?q=vroeghulp": "Integrale Vroeghulp",
        "/admin/choose-page/search/?q=vroeghulp": "Integrale Vroeghulp",
        f"/admin/pages/{home.pk}/?q=vroeghulp": None,
        "/admin/images/?q=schoolplein": "Schoolplein",
        "/admin/documents/?q=schoolgids": "Schoolgids",
        "/admin/snippets/services/theme/?q=x": None,
        "/admin/snippets/services/schooltype/?q=x": None,
    }
    # Full pages carry the Wagtail message; the partials refreshed by the search
    # box (results/, the chooser) carry the header.
    full_pages = {
        url for url in admin if "/results/" not in url and "choose" not in url
    }
    # A Redactie editor may not see every collection or snippet: whatever the
    # answer, it is not an error.
    for user in (admin_user, editor()):
        client.force_login(user)
        for url, title in admin.items():
            response = client.get(url)
            assert response.status_code < 500, (user, url)
            if user.is_superuser:
                assert response.status_code == 200, url
                if title:
                    assert title in response.content.decode(), url
            if response.status_code == 200 and url in full_pages:
                assert notice_shown(response), (user, url)
        client.logout()

    client.force_login(admin_user)
    state, text, _lines = health_panel(client)
    assert state == "down" and "Onbereikbaar (ConnectionError)" in text
    client.logout()

    # Published during the outage.
    DBTaskResult.objects.all().delete()
    page = ServicePage.objects.get(slug="toekomstcoach", locale=demo_site.locale)
    page.title = "Toekomstcoach Zonnebloem"
    page.save_revision().publish()
    # Published again before the engine is back: still one retry of the page.
    page.search_description = "Ook in de zomer"
    page.save_revision().publish()
    outcomes = run_due_tasks()
    # The updates failed: recorded as such, and queued again for later.
    assert outcomes.count(("index_object_task", "FAILED")) >= 2
    assert ("index_object_task", "SUCCESSFUL") not in outcomes
    retries = DBTaskResult.objects.filter(status=TaskResultStatus.READY).filter(
        task_path="search.tasks.retry_index_update"
    )
    retried = [tuple(retry.args_kwargs["args"][1:4]) for retry in retries]
    assert retried.count(("services", "servicepage", str(page.pk))) == 1
    assert all(retry.run_after > timezone.now() for retry in retries)
    # Meanwhile the database answers, the new title included.
    results = search_pages("zonnebloem", demo_site.locale, record=False)
    assert results.fallback_used
    assert [hit.page.pk for hit in results.hits] == [page.pk]

    # The engine comes back on its address, empty, as a restarted node does.
    on_private_engine.stop()
    on_private_engine.start()
    later = timezone.now() + timedelta(hours=2)
    outcomes = run_due_tasks(later)
    # The first retry finds no index, queues its rebuild and fails again; after the
    # rebuild the next retry succeeds.
    assert ("rebuild_search_index", "SUCCESSFUL") in outcomes
    assert outcomes[-1] == ("retry_index_update", "SUCCESSFUL")
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()

    name = backend.page_index_name()
    assert documents(backend, name) == Page.objects.count()
    results = search_pages("zonnebloem", demo_site.locale, record=False)
    assert not results.fallback_used
    assert [hit.page.pk for hit in results.hits] == [page.pk]
