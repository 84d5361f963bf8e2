"""Translations reach readers through the "Eindredactie" moderation only.

wagtail-localize lets anyone with its ``submit_translation`` permission publish:
"Sync translated pages" with "Publish immediately" publishes every translation, and
its translation editor offers Redactie members no way to hand a finished translation
to the moderators. Here the portal puts its own views on wagtail-localize's URLs
(registered before them, see ``wagtail_hooks``) and adds the review step:

- ``submit_translation``: writes the translated strings into a new draft revision of
  the translated page and starts (or resumes) the page's workflow with it, so the
  moderators see it under "Awaiting your review";
- ``ReviewedUpdateTranslationsView``: "Publish immediately" only for those who may
  publish every translated page; others may send the updated drafts for review;
- ``convert_to_alias``: turning a translation back into an alias of its source
  puts that source live at the translation's address (or takes the translation
  offline), so it needs publish permission.
"""

import contextlib

from django import forms
from django.contrib import messages
from django.core.exceptions import (
    ObjectDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.models import DraftStateMixin, Page, WorkflowState
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views import convert
from wagtail_localize.views.edit_translation import apply_machine_translation
from wagtail_localize.views.update_translations import UpdateTranslationsView


class ReviewRefused(Exception):
    """The page cannot be sent for review now; the message says why."""


def start_review(page, user):
    """Starts the page's workflow on its latest revision, or resumes it when the
    moderators asked for changes: what "Submit for moderation" does in the editor."""
    state = page.current_workflow_state
    if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return state
    workflow = page.get_workflow()
    if workflow is None:
        raise ReviewRefused(_("No moderation workflow applies to this page."))
    return workflow.start(page, user)


def check_reviewable(page, user):
    """Why ``user`` may not write a new revision of ``page`` for review, if so.

    Approving a task publishes the page's latest revision, so a draft written while
    the page is under review would be published unseen: the workflow lock forbids
    it, as it does in the page editor.
    """
    perms = page.permissions_for_user(user)
    if not perms.can_edit():
        raise PermissionDenied
    if perms.page_locked():
        raise ReviewRefused(
            _("This page is locked while it is being reviewed; it cannot be changed.")
        )
    state = page.current_workflow_state
    if state and state.status == WorkflowState.STATUS_IN_PROGRESS:
        raise ReviewRefused(_("This page is already in moderation."))


def save_for_review(translation, page, user):
    """Writes the translation into a new draft revision of ``page`` and submits it."""
    check_reviewable(page, user)
    translation.save_target(user=user, publish=False)
    page.refresh_from_db()
    return start_review(page, user)


def translated_page(translation):
    page = translation.get_target_instance()
    if not isinstance(page, Page):
        raise PermissionDenied
    return page.specific


@require_POST
def submit_translation(request, translation_id):
    """The translation editor's "Save draft" and "Submit to <workflow>"."""
    translation = get_object_or_404(Translation, pk=translation_id, enabled=True)
    page = translated_page(translation)
    submit = request.POST.get("action") == "submit"
    try:
        with transaction.atomic():
            if submit:
                save_for_review(translation, page, request.user)
            else:
                check_reviewable(page, request.user)
                translation.save_target(user=request.user, publish=False)
    except ReviewRefused as refusal:
        messages.error(request, str(refusal))
    except ValidationError:
        messages.error(
            request,
            _("The translation could not be saved: it is not valid. Check the fields."),
        )
    else:
        if submit:
            messages.success(
                request,
                _("'%(title)s' has been submitted for review.")
                % {"title": page.get_admin_display_title()},
            )
        else:
            messages.success(
                request,
                _("A draft of '%(title)s' has been saved.")
                % {"title": page.get_admin_display_title()},
            )
    return redirect("wagtailadmin_pages:edit", page.pk)


def may_publish(user, instance):
    """Whether ``user`` may publish ``instance``, a translated page or snippet."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    if isinstance(instance, DraftStateMixin):
        opts = instance._meta
        return user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")
    # Snippets without drafts are saved by their editors directly.
    return True


class ReviewedUpdateTranslationsView(UpdateTranslationsView):
    """ "Sync translated pages", publishing only for those who may publish."""

    def targets(self):
        result = []
        for translation in self.object.translations.filter(enabled=True).select_related(
            "source", "target_locale"
        ):
            try:
                instance = translation.get_target_instance()
            except ObjectDoesNotExist:
                continue
            result.append((translation, getattr(instance, "specific", instance)))
        return result

    def user_may_publish(self):
        return all(
            may_publish(self.request.user, instance) for _t, instance in self.targets()
        )

    def get_form(self):
        form = super().get_form()
        if not self.user_may_publish():
            del form.fields["publish_translations"]
            form.fields["submit_for_review"] = forms.BooleanField(
                label=gettext_lazy("Submit for review"),
                help_text=gettext_lazy(
                    "Save the updated translations as drafts and send them to the "
                    "moderators. The changes use the original language until "
                    "translated."
                ),
                required=False,
            )
        return form

    @transaction.atomic
    def form_valid(self, form):
        user = self.request.user
        self.object.update_from_db()
        enabled_translations = self.object.translations.filter(enabled=True)
        if form.cleaned_data.get("use_machine_translation"):
            machine_translator = get_machine_translator()
            for translation in enabled_translations:
                apply_machine_translation(translation.id, user, machine_translator)

        publish = form.cleaned_data.get("publish_translations", False)
        review = form.cleaned_data.get("submit_for_review", False)
        for translation, instance in self.targets():
            if publish and may_publish(user, instance):
                with contextlib.suppress(ValidationError):
                    translation.save_target(user=user, publish=True)
            elif (publish or review) and isinstance(instance, Page):
                try:
                    with transaction.atomic():
                        save_for_review(translation, instance, user)
                except (ReviewRefused, ValidationError) as refusal:
                    messages.warning(
                        self.request,
                        _("'%(title)s' was not submitted for review: %(reason)s")
                        % {
                            "title": instance.get_admin_display_title(),
                            "reason": "; ".join(
                                getattr(refusal, "messages", [str(refusal)])
                            ),
                        },
                    )
            else:
                with contextlib.suppress(ValidationError):
                    translation.source.update_target_view_restrictions(
                        translation.target_locale
                    )

        self.components.save(
            self.object,
            sources_and_translations={self.object: list(enabled_translations)},
        )
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url() or self.get_default_success_url())


def alias_changes_live_content(page):
    """Whether converting translated ``page`` into an alias changes what is live.

    The alias takes over the source's live status: it puts the source's text live
    at the translation's address, or takes a live translation of an unpublished
    source offline, which is unpublishing.
    """
    if page.live:
        return True
    source = (
        TranslationSource.objects.filter(
            object_id=page.translation_key,
            specific_content_type=page.content_type_id,
            translations__target_locale=page.locale_id,
        )
        .select_related("locale")
        .first()
    )
    if source is None:
        return False
    return Page.objects.filter(
        translation_key=page.translation_key, locale=source.locale, live=True
    ).exists()


def convert_to_alias(request, page_id):
    """wagtail-localize's "Convert to alias page", for those who may publish it."""
    page = get_object_or_404(Page, id=page_id, alias_of_id__isnull=True)
    if (
        alias_changes_live_content(page)
        and not page.permissions_for_user(request.user).can_publish()
    ):
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)
