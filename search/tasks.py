"""Index updates that survive an engine outage, and the index's own rebuild.

modelsearch's save handler swallows an engine failure (its task ends SUCCESSFUL and
the page is missing from the engine for good); here:

- ``index_object_task`` updates the database backend first, then the engine, and
  fails (FAILED in the task results) when the engine did;
- every failed engine update (from this task, from modelsearch's own calls in the
  image and document forms, from deletions) is queued again, for the engine only,
  with backoff (``PORTAL_SEARCH_RETRY_SECONDS``, doubling, at most an hour) until it
  succeeds. Where the task backend cannot defer (the immediate backend of
  development), the next check of the engine rebuilds its indexes instead;
- ``rebuild_search_index`` rebuilds an index that is missing or empty as
  ``update_index`` does (a new index, then the alias swapped), in the worker.
"""

import logging
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django_tasks import task
from modelsearch import index
from modelsearch.backends import get_search_backends_with_name
from modelsearch.index import get_indexed_models
from modelsearch.management.commands.rebuild_modelsearch_index import (
    group_models_by_index,
)

from search.resilience import ResilientBackendMixin, SearchUnavailable, engine_backend

logger = logging.getLogger(__name__)

REBUILD_LOCK = "portal-search-rebuild"
# A rebuild that died (worker killed) is queued again after this long.
REBUILD_LOCK_SECONDS = 900
# Set when an engine update failed and no retry could be queued.
MISSED_UPDATES = "portal-search-missed-updates"
MAX_RETRY_DELAY = 3600
CHUNK_SIZE = 500


def retry_delay(attempt):
    base = settings.PORTAL_SEARCH_RETRY_SECONDS
    return min(base * 2 ** (attempt - 1), MAX_RETRY_DELAY)


def index_object(instance):
    """Puts ``instance`` in every backend; raises when the engine failed.

    The database backend is updated first, so that an engine outage never keeps the
    fallback from having the page.
    """
    indexed = index.get_indexed_instance(instance)
    if indexed is None:
        return
    failure = None
    for _name, backend in get_search_backends_with_name(with_auto_update=True):
        if isinstance(backend, ResilientBackendMixin):
            try:
                backend.add(indexed)
            except SearchUnavailable as error:
                failure = error
        else:
            backend.add(indexed)
    if failure is not None:
        raise failure


@task()
def index_object_task(app_label, model_name, pk):
    model = apps.get_model(app_label, model_name)
    index_object(model.objects.get(pk=pk))


def post_save_handler(instance, **kwargs):
    if kwargs.get("raw", False):
        return
    index_object_task.enqueue(
        instance._meta.app_label, instance._meta.model_name, str(instance.pk)
    )


@task()
def retry_index_update(action, app_label, model_name, pk, attempt):
    # No longer pending: a failure below queues the next attempt.
    cache.delete(retry_key(action, app_label, model_name, pk))
    backend = engine_backend()
    if backend is None:
        return
    model = apps.get_model(app_label, model_name)
    if action == "update":
        instance = model._default_manager.filter(pk=pk).first()
        indexed = instance and index.get_indexed_instance(instance)
        if not indexed:
            return  # deleted or no longer indexed since: nothing to add
    else:
        indexed = model(pk=pk)
    backend.retry_update(indexed, action, attempt)


def retry_key(action, app_label, model_name, pk):
    return f"portal-search-retry:{action}:{app_label}.{model_name}:{pk}"


def schedule_retry(action, obj, attempt):
    """Queues the update of ``obj`` again, unless a retry of it is pending.

    One pending retry per object and action is enough: an update retry reads the
    object when it runs. So an object saved ten times during an outage is retried
    once per backoff step, not ten times.
    """
    if not retry_index_update.get_backend().supports_defer:
        cache.set(MISSED_UPDATES, True, timeout=None)
        return
    label, model_name, pk = obj._meta.app_label, obj._meta.model_name, str(obj.pk)
    delay = retry_delay(attempt)
    # The key outlives the retry's due time, so a retry the worker runs late still
    # counts as pending; a worker that never runs it lets the key expire.
    key = retry_key(action, label, model_name, pk)
    if not cache.add(key, attempt, timeout=delay + MAX_RETRY_DELAY):
        return
    try:
        retry_index_update.using(
            run_after=timezone.now() + timedelta(seconds=delay)
        ).enqueue(action, label, model_name, pk, attempt)
    except Exception:
        cache.delete(key)
        cache.set(MISSED_UPDATES, True, timeout=None)
        logger.exception("Could not queue a retry of the index update of %r", obj)


def schedule_rebuild(names):
    """Queues one rebuild of ``names`` (index names); none while one is pending."""
    if not cache.add(REBUILD_LOCK, True, timeout=REBUILD_LOCK_SECONDS):
        return
    logger.warning("Search index %s missing or empty: rebuilding it", ", ".join(names))
    try:
        rebuild_search_index.enqueue(list(names))
    except Exception:
        cache.delete(REBUILD_LOCK)
        logger.exception("Could not queue the rebuild of %s", ", ".join(names))


def missed_updates():
    return bool(cache.get(MISSED_UPDATES))


def rebuild(backend, names=None):
    """Rebuilds the named indexes (all when None) as ``update_index`` does.

    Returns ``{index name: documents added}``.
    """
    added = {}
    for search_index, models in group_models_by_index(
        backend, get_indexed_models()
    ).items():
        if names is not None and search_index.name not in names:
            continue
        rebuilder = backend.rebuilder_class(search_index)
        new_index = rebuilder.start()
        for model in models:
            new_index.add_model(model)
        count = 0
        for model in models:
            objects = model.get_indexed_objects().order_by("pk")
            for start in range(0, objects.count(), CHUNK_SIZE):
                chunk = list(objects[start : start + CHUNK_SIZE])
                new_index.add_items(model, chunk)
                count += len(chunk)
        rebuilder.finish()
        added[search_index.name] = count
        logger.warning("Rebuilt search index %s: %d objects", search_index.name, count)
    return added


@task()
def rebuild_search_index(names=None):
    try:
        backend = engine_backend()
        if backend is None:
            return {}
        if missed_updates():
            names = None  # updates were lost: every index is rebuilt
        cache.delete(MISSED_UPDATES)
        added = rebuild(backend, names)
    finally:
        cache.delete(REBUILD_LOCK)
    # This process asks the engine again at its next search or update.
    backend.state().checked_at = None
    return added
