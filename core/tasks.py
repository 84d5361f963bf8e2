"""Background work of the core layer."""

from django_tasks import task
from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
from wagtail.models import Page


@task()
def purge_frontend_cache(page_ids):
    """Purges the pages ``page_ids`` (``None``: every live page) from the frontend
    cache (``WAGTAILFRONTENDCACHE``): their URLs are worked out here, in the worker,
    not in the editor's request."""
    pages = Page.objects.live().specific()
    if page_ids is not None:
        pages = pages.filter(pk__in=page_ids)
    purge_pages_from_cache(pages)
