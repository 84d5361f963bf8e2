"""Keeps the search index right where modelsearch's save handler cannot.

modelsearch indexes a page from its ``post_save`` signal, which fires before
modelcluster commits the page's taxonomy and measure links, so with the immediate
task backend the index would hold the previous publication's facets. A move changes
the paths of a whole subtree while saving only its root. And modelsearch's own save
task swallows an engine failure: it is replaced by ``search.tasks.index_object_task``,
which fails and is retried (``search/tasks.py``).
"""

from django.db.models.signals import post_save
from django_tasks import task
from modelsearch import signal_handlers as modelsearch_handlers
from modelsearch.index import get_indexed_models
from wagtail.models import Page
from wagtail.signals import page_published, post_page_move

from search.resilience import SearchUnavailable
from search.tasks import index_object, post_save_handler


@task()
def reindex_pages(page_ids):
    failure = None
    for page in Page.objects.filter(pk__in=page_ids).specific():
        try:
            index_object(page)
        except SearchUnavailable as error:
            failure = error  # the other pages still get their update
    if failure is not None:
        raise failure


def page_published_handler(instance, **kwargs):
    reindex_pages.enqueue([instance.pk])


def page_moved_handler(instance, **kwargs):
    subtree = Page.objects.descendant_of(instance, inclusive=True)
    reindex_pages.enqueue(list(subtree.values_list("pk", flat=True)))


def register_signal_handlers():
    page_published.connect(page_published_handler, dispatch_uid="search_published")
    post_page_move.connect(page_moved_handler, dispatch_uid="search_moved")
    for model in get_indexed_models():
        if not getattr(model, "search_auto_update", True):
            continue
        if post_save.disconnect(modelsearch_handlers.post_save_signal_handler, model):
            post_save.connect(post_save_handler, sender=model)
