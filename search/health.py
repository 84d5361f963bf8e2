"""The search engine's state for the admin's dashboard: up, down or rebuilding.

Asked live when the dashboard is shown (a few small requests, bounded by
``PORTAL_SEARCH_TIMEOUT``), so it reports what the engine says now rather than what
this process last saw.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.core.cache import cache

from search.resilience import engine_backend
from search.tasks import REBUILD_LOCK


@dataclass
class IndexHealth:
    name: str
    label: str
    state: str  # "ok", "missing" or "empty"
    documents: int
    expected: int
    built_at: datetime | None = None


@dataclass
class EngineHealth:
    # "database" (no engine configured), "up", "down" or "fallback" (an index is
    # missing or empty: the database answers while it is rebuilt).
    state: str
    error: str = ""
    rebuilding: bool = False
    indexes: list = field(default_factory=list)


def built_at(backend, name):
    """When the index behind ``name`` was created (a rebuild makes a new one)."""
    answer = backend.es.indices.get_settings(index=name)
    stamps = [
        int(value["settings"]["index"]["creation_date"]) for value in answer.values()
    ]
    return datetime.fromtimestamp(max(stamps) / 1000, tz=UTC) if stamps else None


def engine_health():
    backend = engine_backend()
    if backend is None:
        return EngineHealth(state="database")
    rebuilding = bool(cache.get(REBUILD_LOCK))
    try:
        found = backend.index_states()
        indexes = [
            IndexHealth(
                name,
                str(model._meta.verbose_name_plural),
                state,
                documents,
                expected,
                built_at(backend, name) if state != "missing" else None,
            )
            for name, (state, documents, expected, model) in sorted(found.items())
        ]
    except Exception as error:
        backend.record_failure(error)
        return EngineHealth(
            state="down", error=f"{type(error).__name__}", rebuilding=rebuilding
        )
    backend.record_success()
    unfit = any(index.state != "ok" for index in indexes)
    return EngineHealth(
        state="fallback" if unfit else "up", rebuilding=rebuilding, indexes=indexes
    )


def engine_state():
    """The engine's state as this process knows it, for a load balancer's frequent
    readiness checks: the engine is asked at most every
    ``PORTAL_SEARCH_CHECK_SECONDS`` (as searches do), never once per check.
    """
    backend = engine_backend()
    if backend is None:
        return EngineHealth(state="database")
    usable = backend.engine_usable()
    state = backend.state()
    if not usable:
        return EngineHealth(state="down", error=state.error.split(":")[0])
    unfit = any(index != "ok" for index in state.indexes.values())
    return EngineHealth(state="fallback" if unfit else "up")
