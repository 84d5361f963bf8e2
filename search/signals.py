"""Keeps the search index right where modelsearch's save handler cannot.

modelsearch indexes a page from its ``post_save`` signal, which fires before
modelcluster commits the page's taxonomy and measure links, so with the immediate
task backend the index would hold the previous publication's facets. A move changes
the paths of a whole subtree while saving only its root.
"""

from django_tasks import task
from modelsearch import index
from wagtail.models import Page
from wagtail.signals import page_published, post_page_move


@task()
def reindex_pages(page_ids):
    for page in Page.objects.filter(pk__in=page_ids).specific():
        index.insert_or_update_object(page)


def page_published_handler(instance, **kwargs):
    reindex_pages.enqueue([instance.pk])


def page_moved_handler(instance, **kwargs):
    subtree = Page.objects.descendant_of(instance, inclusive=True)
    reindex_pages.enqueue(list(subtree.values_list("pk", flat=True)))


def register_signal_handlers():
    page_published.connect(page_published_handler, dispatch_uid="search_published")
    post_page_move.connect(page_moved_handler, dispatch_uid="search_moved")
