"""Background work of the core layer."""

from django_tasks import task
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page


def purge_frontend_cache_now(page_ids):
    """Purges the pages ``page_ids`` (``None``: every live page) from the frontend
    cache (``WAGTAILFRONTENDCACHE``) in this process: one request per URL to a
    caching proxy, one per batch to Cloudflare."""
    pages = Page.objects.live().specific()
    if page_ids is not None:
        pages = pages.filter(pk__in=page_ids)
    batch = PurgeBatch()
    batch.add_pages(pages)
    # Wagtail's purge_urls_from_cache would enqueue this task again, for the worker.
    purge_urls_from_cache_task.call(sorted(batch.urls))


@task()
def purge_frontend_cache(page_ids):
    """``purge_frontend_cache_now`` in the worker: for every page of the site, which
    may be thousands of URLs, not in the editor's request."""
    purge_frontend_cache_now(page_ids)
