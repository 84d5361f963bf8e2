"""Wagtail's reference index ("Usage") for a page's inline children, queued by page.

For every saved inline child (a ``ParentalKey`` model) Wagtail queues a task that
finds the child by its primary key when the worker runs, then records the references
of the child's page. Synchronising a translation or an alias replaces the page's
inline children (wagtail-localize and Wagtail delete them and insert copies), so a
worker that runs after that fails with ``DoesNotExist``: ``load_demo_content`` makes
the English aliases and translates them in one transaction, and every
``make run-full`` logged 16 such FAILED tasks. The page's primary key survives a
re-save, so the page is queued instead; the task does the same work for it.
"""

from django.db.models.signals import post_save


def _queue_page(sender, instance, raw=False, **kwargs):
    # Imported here: both need the app registry, and models import this module.
    from wagtail.signal_handlers import reference_index_auto_update_disabled
    from wagtail.tasks import update_reference_index_task

    if raw or getattr(reference_index_auto_update_disabled, "value", False):
        return
    parental_key = sender._meta.get_field(sender.reference_index_parent)
    page = parental_key.related_model
    update_reference_index_task.enqueue(
        page._meta.app_label,
        page._meta.model_name,
        str(getattr(instance, parental_key.attname)),
    )


def indexed_with_page(parental_key):
    """Class decorator for an inline child model whose ParentalKey is ``parental_key``.

    ``wagtail_reference_index_ignore`` keeps Wagtail from queueing the child itself;
    its references are still recorded, under its page, as Wagtail always does.
    """

    def decorate(model):
        model.wagtail_reference_index_ignore = True
        model.reference_index_parent = parental_key
        post_save.connect(_queue_page, sender=model)
        return model

    return decorate
