"""Search that keeps answering when the engine is down, slow or empty.

Every caller (the portal's search, API v3 ``?search=``, the admin's searches and
choosers, autocomplete) gets its backend from ``get_search_backend``, so the engine
backends themselves carry the resilience (``ResilientBackendMixin``):

- their search results answer from the ``fallback`` database backend when the engine
  raises (connection refused, ``PORTAL_SEARCH_TIMEOUT`` exceeded, index missing) or
  when the engine is known to be down or its index missing or empty;
- a failure is logged at ERROR once per outage, the recovery once at WARNING;
- after a failure the engine is left alone for ``PORTAL_SEARCH_CHECK_SECONDS``, so a
  dead or slow engine costs one timeout per interval, not one per request;
- at most every ``PORTAL_SEARCH_CHECK_SECONDS`` a search (or an index update in the
  worker) checks that every index exists as the alias a rebuild makes and is not
  empty while the database holds its objects; when one is not, a rebuild is queued
  (``search.tasks.rebuild_search_index``) and searches use the database meanwhile;
- an index update that fails is queued again with backoff (``search.tasks``).

The state is kept per process: each gunicorn worker finds out on its own.
"""

import contextvars
import logging
import threading
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from modelsearch.backends import get_search_backend
from modelsearch.index import get_indexed_models

logger = logging.getLogger(__name__)

NOTICE = _(
    "The search engine is not available at the moment. These results come from a "
    "simpler search of the database and may be less precise."
)
DATABASE_BACKEND = "wagtail.search.backends.database"
# The header API answers carry when the database answered instead of the engine.
FALLBACK_HEADER = "Search-Fallback"


class SearchUnavailable(Exception):
    """The engine cannot answer now: down, too slow, or an index missing or empty."""


def engine_errors():
    """The exception classes of the engine clients installed, and SearchUnavailable."""
    errors = [SearchUnavailable]
    try:
        from opensearchpy.exceptions import OpenSearchException

        errors.append(OpenSearchException)
    except ImportError:
        pass
    try:
        from elastic_transport import TransportError
        from elasticsearch import ApiError

        errors += [TransportError, ApiError]
    except ImportError:
        pass
    return tuple(errors)


def is_outage(error):
    """Whether ``error`` means the engine cannot answer (down, slow, index gone).

    A request the engine refuses (400: a query past its result window, a bad
    query) is that request's fault: it is answered from the database, but the
    engine is not taken for down for everybody else.
    """
    status = getattr(error, "status_code", None)
    return not (isinstance(status, int) and 400 <= status < 500 and status != 404)


_fallback_used = contextvars.ContextVar("search_fallback_used", default=False)


def fallback_used():
    """Whether the database answered a search for the engine in this request."""
    return _fallback_used.get()


def start_request():
    return _fallback_used.set(False)


def end_request(token):
    _fallback_used.reset(token)


def note_fallback():
    _fallback_used.set(True)


def check_seconds():
    return settings.PORTAL_SEARCH_CHECK_SECONDS


@dataclass
class EngineState:
    """What one process knows about one engine (its URLs and index prefix)."""

    down_since: float | None = None
    failed_at: float = 0.0
    error: str = ""
    checked_at: float | None = None
    # Index name -> "ok", "missing" or "empty", as last checked.
    indexes: dict = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    checking: threading.Lock = field(default_factory=threading.Lock)

    @property
    def down(self):
        return self.down_since is not None


_states = {}
_states_lock = threading.Lock()


_backends = {}


@receiver(setting_changed)
def forget_states(setting=None, **kwargs):
    """Forgets what this process knows of the engines (a settings change in tests)."""
    if setting in (None, "WAGTAILSEARCH_BACKENDS", "PORTAL_SEARCH_CHECK_SECONDS"):
        with _states_lock:
            _states.clear()
    if setting in (None, "WAGTAILSEARCH_BACKENDS", "PORTAL_SEARCH_SYNONYMS"):
        _backends.clear()


def backend_named(name):
    # One client per process: building an engine backend opens a connection pool
    # and reads the synonyms file.
    if name not in _backends:
        _backends[name] = get_search_backend(name)
    return _backends[name]


def engine_backend():
    """The configured engine, or None when the site runs on the database only."""
    backend = backend_named("default")
    return backend if isinstance(backend, ResilientBackendMixin) else None


def fallback_backend():
    """Wagtail's database backend: the configured ``fallback``, the only backend
    (``make run``), or, for an engine configured without a fallback, a plain one
    (never the engine itself)."""
    if "fallback" in settings.WAGTAILSEARCH_BACKENDS:
        return backend_named("fallback")
    if engine_backend() is not None:
        return backend_named(DATABASE_BACKEND)
    return backend_named("default")


class ResilientResultsMixin:
    """Search results that come from the database backend when the engine fails."""

    def _fallback_results(self):
        compiler = self.query_compiler
        database = fallback_backend()
        is_autocomplete = isinstance(
            compiler, self.backend.autocomplete_query_compiler_class
        )
        method = database.autocomplete if is_autocomplete else database.search
        results = method(
            compiler.query,
            compiler.queryset,
            # The operator is part of the compiled query already.
            fields=compiler.fields,
            order_by_relevance=compiler.order_by_relevance,
        )
        results = results[self.start : self.stop]
        if self._score_field:
            results = results.annotate_score(self._score_field)
        note_fallback()
        return results

    def _index_name(self):
        return self.backend.get_index_for_model(self.query_compiler.queryset.model).name

    def _engine_call(self, call):
        backend = self.backend
        if not backend.index_usable(self._index_name()):
            return None
        try:
            answer = call()
        except Exception as error:
            backend.record_error(error)
            return None
        backend.record_success()
        return answer

    def _do_search(self):
        # The engine's results come from a generator: read them while errors can
        # still be caught.
        engine = super()._do_search
        hits = self._engine_call(lambda: list(engine()))
        return self._fallback_results().results() if hits is None else hits

    def _do_count(self):
        count = self._engine_call(super()._do_count)
        return self._fallback_results().count() if count is None else count

    def facet(self, field_name):
        engine = super().facet
        counts = self._engine_call(lambda: engine(field_name))
        if counts is None:
            counts = self._fallback_results().facet(field_name)
        return counts


class ResilientBackendMixin:
    """The engine's health, and index updates that are retried when it fails."""

    def state(self):
        key = (type(self).__name__, repr(self.hosts), self.index_prefix)
        with _states_lock:
            return _states.setdefault(key, EngineState())

    def record_failure(self, error):
        state = self.state()
        with state.lock:
            state.failed_at = time.monotonic()
            state.error = f"{type(error).__name__}: {error}"
            first = not state.down
            if first:
                state.down_since = time.time()
        if first:
            logger.error(
                "Search engine failed (%s); searching the database until it answers "
                "again",
                state.error,
            )

    def record_error(self, error):
        """A failed search: an outage, or a query the engine refused (logged only)."""
        if is_outage(error):
            self.record_failure(error)
        else:
            logger.warning("Search engine refused a query: %s", error)

    def record_success(self):
        state = self.state()
        with state.lock:
            was_down = state.down_since
            state.down_since = None
        if was_down is not None:
            logger.warning(
                "Search engine answers again after %d s", time.time() - was_down
            )

    def engine_usable(self):
        """Whether to ask the engine now: not failed recently, indexes checked."""
        state = self.state()
        now = time.monotonic()
        interval = check_seconds()
        if state.down and now - state.failed_at < interval:
            return False
        if state.down or state.checked_at is None or now - state.checked_at >= interval:
            self.check_indexes()
        return not state.down

    def index_usable(self, name, write=False):
        """Whether the engine can answer from (or, ``write``, update) index ``name``.

        An empty index still takes updates; a missing one does not, since a write
        would create it without the portal's mapping.
        """
        fit = ("ok", "empty") if write else ("ok",)
        return self.engine_usable() and self.state().indexes.get(name, "ok") in fit

    def index_states(self):
        """``{index name: (state, documents, database objects, model)}``, asked now.

        ``model`` is the index's root model (Page, Image, ...).
        """
        from modelsearch.backends.base import get_model_root

        models = {}
        for model in get_indexed_models():
            models.setdefault(self.get_index_for_model(model).name, []).append(model)
        answer = {}
        for name, members in models.items():
            # Each model indexes its own rows (a page under its specific type), so
            # together they count every object once.
            expected = sum(model.get_indexed_objects().count() for model in members)
            root = get_model_root(members[0])
            if not self.es.indices.exists_alias(name=name):
                # Indexes a rebuild makes are always behind an alias; a plain index
                # of that name was made by a write to a missing index, without the
                # portal's mapping.
                answer[name] = ("missing", 0, expected, root)
                continue
            documents = self.es.count(index=name)["count"]
            state = "empty" if documents == 0 and expected else "ok"
            answer[name] = (state, documents, expected, root)
        return answer

    def check_indexes(self):
        """Asks the engine about every index; queues a rebuild when one is unfit."""
        state = self.state()
        if not state.checking.acquire(blocking=False):
            return  # another thread of this process is checking
        try:
            state.checked_at = time.monotonic()
            found = self.index_states()
        except Exception as error:
            self.record_failure(error)
            return
        finally:
            state.checking.release()
        state.indexes = {name: value[0] for name, value in found.items()}
        self.record_success()
        from search.tasks import missed_updates, schedule_rebuild

        unfit = sorted(name for name, value in state.indexes.items() if value != "ok")
        if unfit or missed_updates():
            schedule_rebuild(unfit or sorted(state.indexes))

    def raw_search(self, body, index=None):
        """The engine's answer, or SearchUnavailable: the caller asks the database."""
        index = index or self.page_index_name()
        if not self.index_usable(index):
            note_fallback()
            raise SearchUnavailable(self.state().error or f"index {index} not ready")
        try:
            answer = super().raw_search(body, index=index)
        except Exception as error:
            self.record_error(error)
            note_fallback()
            raise SearchUnavailable(str(error)) from error
        self.record_success()
        return answer

    def add(self, obj):
        self._update_or_retry(super().add, obj, "update")

    def delete(self, obj):
        self._update_or_retry(super().delete, obj, "delete")

    def _update_or_retry(self, update, obj, action, attempt=0):
        from search.tasks import schedule_retry

        name = self.get_index_for_object(obj).name
        try:
            if not self.index_usable(name, write=True):
                raise SearchUnavailable(self.state().error or f"index {name} not ready")
            update(obj)
        except Exception as error:
            if not is_outage(error):
                # Refused by a healthy engine: another attempt would be too.
                logger.exception("Search engine refused the update of %r", obj)
                raise
            if not isinstance(error, SearchUnavailable):
                self.record_failure(error)
            schedule_retry(action, obj, attempt + 1)
            raise SearchUnavailable(str(error)) from error
        self.record_success()

    def retry_update(self, obj, action, attempt):
        """One more attempt of a failed index update; queues the next on failure."""
        update = super().add if action == "update" else super().delete
        self._update_or_retry(update, obj, action, attempt)
