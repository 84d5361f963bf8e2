"""Translations go live through moderation only.

wagtail-localize writes a translation into the page row before it makes the
revision, also when it saves a draft (``save_target(publish=False)``: the
translation editor's "Save draft", "Sync translated pages" without "Publish", a
Redactie member translating). For a live page that row is what readers see, so the
draft would be public without review. When such a revision is made, the row goes
back to the published revision; a page that has never been published in its own
language (a synchronised alias just converted into a translation) goes offline until
it is approved, and readers are sent to the language's home page meanwhile.
Publishing (by the workflow or by wagtail-localize itself) then writes the approved
revision into the row as usual.
"""

from django.conf import settings
from django.db.models.signals import post_save
from wagtail.models import Page, Revision


def keep_live_content_until_published(sender, instance, created, raw=False, **kwargs):
    if not created or raw or not issubclass(instance.content_type.model_class(), Page):
        return
    # Pages of the source language are moderated by Wagtail as usual.
    page = (
        Page.objects.filter(pk=instance.object_id, live=True)
        .exclude(locale__language_code=settings.LANGUAGE_CODE)
        .first()
    )
    if page is None:
        return
    live_revision = page.live_revision
    # An alias carries its source page's live revision: it was never published itself.
    if live_revision is None or live_revision.object_id != str(page.pk):
        Page.objects.filter(pk=page.pk).update(live=False)
        return
    live = live_revision.as_object()
    live.latest_revision = instance
    live.has_unpublished_changes = True
    live.draft_title = instance.content.get("title", live.title)
    live.save(clean=False)


def connect():
    post_save.connect(
        keep_live_content_until_published,
        sender=Revision,
        dispatch_uid="localization_keep_live_content",
    )
