"""Which cached pages a content change makes stale, found through the content itself.

A page shows other content in three ways, and each is found without a hand-kept
list: it links to or embeds it (Wagtail's reference index: featured items, related
links, rich text, images, a service's measures), it lists it as a descendant (the
indexes and the home page list what is below them), or it shows it everywhere (the
menu, the footer and the site's settings). So a change of

- a page purges the page, its descendants (their breadcrumbs and URLs carry its
  title and slug), its ancestors, its translations and aliases (their language
  switchers), every page it references before and after the change and every page
  that references it, and the ancestors of those (the indexes that list them); a
  page in the menu's levels purges every page;
- an image, document or snippet purges the pages that reference it (a many-to-many
  relation counts: the reference index leaves those out) or that it references, with
  their ancestors; one that no page shows, and every setting, site, locale,
  collection, redirect or view restriction, purges every page;
- a moved or deleted page purges every page: its old place is gone.

The set is worked out when the change is saved; ``core.pagecache.purge`` makes it
stale in the page cache and, when one is configured, in the frontend cache.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from modelcluster.fields import ParentalManyToManyField
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    Locale,
    Page,
    ReferenceIndex,
    Site,
    get_page_models,
)
from wagtail.signals import post_page_move

# core.versions is imported (its receivers connected) before the receivers below,
# so they run first and queue the new content version before these queue their
# purges: a page rendered again after its purge reads the new version's memos.
from core.navigation import MENU_DEPTH, ancestor_paths
from core.pagecache import purge
from core.versions import DRAFT_STATE_FIELDS, is_tracked

SITE_WIDE = (BaseSiteSetting, Site, Locale, Collection, Redirect, BaseViewRestriction)
EVERY_PAGE = None


def _page_type_id():
    # The reference index keeps every page under the base Page type.
    return ContentType.objects.get_for_model(Page).pk


def indexed_references(obj):
    """``(type id, object id)`` of what the reference index says ``obj`` refers to:
    as of its last indexing, so read before a change is saved."""
    return set(
        ReferenceIndex.get_references_for_object(obj).values_list(
            "to_content_type_id", "to_object_id"
        )
    )


def current_references(obj):
    """The same, read from the object as saved: a background task brings the index
    up to date after the change. Read from a copy: reading a StreamField binds its
    blocks, and a caller that goes on changing the raw data of ``obj`` (as
    wagtail-localize does when it translates) would then save the bound ones."""
    if not ReferenceIndex.is_indexed(type(obj)):
        return set()
    saved = type(obj)._default_manager.filter(pk=obj.pk).first()
    if saved is None:
        return set()
    extracted = ReferenceIndex._extract_references_from_object(saved)
    return {(type_id, object_id) for type_id, object_id, *_ in extracted}


def referenced_page_ids(references):
    page_type = _page_type_id()
    return {int(object_id) for type_id, object_id in references if type_id == page_type}


def referencing_page_ids(obj):
    """Pages whose content refers to ``obj``: the reference index, and the
    many-to-many relations it leaves out."""
    ids = set(
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type_id=_page_type_id())
        .values_list("object_id", flat=True)
    )
    ids = {int(object_id) for object_id in ids}
    for model, field in _many_to_many_fields(type(obj)):
        ids.update(
            model.objects.filter(**{field.name: obj}).values_list("pk", flat=True)
        )
    return ids


def _many_to_many_fields(target):
    for model in get_page_models():
        for field in model._meta.local_many_to_many:
            if isinstance(field, ParentalManyToManyField) and issubclass(
                target, field.related_model
            ):
                yield model, field


def with_ancestors(page_ids):
    """``page_ids`` and every ancestor of those pages."""
    if not page_ids:
        return set()
    paths = Page.objects.filter(pk__in=page_ids).values_list("path", flat=True)
    above = {ancestor for path in paths for ancestor in ancestor_paths(path)}
    return set(page_ids) | set(
        Page.objects.filter(path__in=above).values_list("pk", flat=True)
    )


def in_menu_levels(page):
    # Depth 1 is the tree's root, 2 a site's root (the home page of a language); a
    # change at the menu's levels shows on every page.
    return page.depth <= 2 + MENU_DEPTH


def pages_showing_page(page, references_before):
    """The page ids a change of ``page`` makes stale, or ``EVERY_PAGE``."""
    if in_menu_levels(page):
        return EVERY_PAGE
    related = (
        referenced_page_ids(references_before | current_references(page))
        | referencing_page_ids(page)
        | set(
            Page.objects.filter(
                Q(translation_key=page.translation_key) | Q(alias_of=page)
            ).values_list("pk", flat=True)
        )
    )
    descendants = set(
        Page.objects.filter(path__startswith=page.path).values_list("pk", flat=True)
    )
    return with_ancestors(related | {page.pk}) | descendants


def pages_showing_object(obj, references_before):
    """The page ids a change of an image, document or snippet makes stale, or
    ``EVERY_PAGE`` for site-wide content and for what no page is known to show."""
    if isinstance(obj, SITE_WIDE):
        return EVERY_PAGE
    related = referencing_page_ids(obj) | referenced_page_ids(
        references_before | current_references(obj)
    )
    if not related:
        return EVERY_PAGE
    return with_ancestors(related)


# What saving a draft, a lock or a tree count writes to a page's row: none of it
# shows on the public page.
BOOKKEEPING_FIELDS = DRAFT_STATE_FIELDS | {"numchild"}


def _shows(instance, update_fields):
    if not is_tracked(instance):
        return False
    return not (update_fields and set(update_fields) <= BOOKKEEPING_FIELDS)


@receiver(pre_save)
def _remember_references(sender, instance, update_fields=None, **kwargs):
    if instance.pk is None or not _shows(instance, update_fields):
        return
    instance._purge_references_before = indexed_references(instance)
    # Asked only when it counts: after the save, a page that is live purges anyway.
    if isinstance(instance, Page) and not instance.live:
        instance._purge_was_live = Page.objects.filter(
            pk=instance.pk, live=True
        ).exists()


@receiver(post_save)
def _purge_on_save(sender, instance, created, update_fields=None, **kwargs):
    if not _shows(instance, update_fields):
        return
    before = getattr(instance, "_purge_references_before", set())
    if isinstance(instance, Page):
        if instance.live or getattr(instance, "_purge_was_live", False):
            purge(pages_showing_page(instance, before))
    else:
        purge(pages_showing_object(instance, before))


@receiver(post_delete)
def _purge_on_delete(sender, instance, **kwargs):
    if is_tracked(instance):
        purge(EVERY_PAGE)


@receiver(post_page_move)
def _purge_on_move(sender, instance, **kwargs):
    purge(EVERY_PAGE)
