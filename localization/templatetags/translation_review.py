"""The review bar of the translation editor (wagtail-localize's React app)."""

import json

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from ..review import alias_changes_live_content

register = template.Library()


def _task_actions(page, state, user):
    """The current task's actions for ``user``, once each, with their URLs."""
    task_state = state.current_task_state
    if task_state is None:
        return []
    actions = {}
    for name, label, _modal in task_state.task.specific.get_actions(page, user):
        actions.setdefault(
            name,
            {
                "name": name,
                "label": label,
                "url": reverse(
                    "wagtailadmin_pages:workflow_action",
                    args=[page.pk, name, task_state.pk],
                ),
            },
        )
    return list(actions.values())


@register.inclusion_tag(
    "wagtail_localize/admin/includes/translation_review.html", takes_context=True
)
def translation_review(context):
    instance = context["instance"]
    if not isinstance(instance, Page):
        return {"shown": False}
    request = context["request"]
    page = instance.specific
    translation = context["translation"]
    perms = page.permissions_for_user(request.user)
    workflow = page.get_workflow()
    state = page.current_workflow_state
    in_review = state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    try:
        source = translation.source.get_source_instance()
    except ObjectDoesNotExist:
        source = None
    return {
        "shown": True,
        "csrf_token": context.get("csrf_token"),
        "page": page,
        "workflow": workflow,
        "state": state,
        "in_review": in_review,
        "needs_changes": state is not None
        and state.status == WorkflowState.STATUS_NEEDS_CHANGES,
        "can_write": perms.can_edit() and not perms.page_locked() and not in_review,
        "can_submit": workflow is not None,
        "can_publish": perms.can_publish(),
        "submit_url": reverse("localization_submit_translation", args=[translation.pk]),
        "task_actions": _task_actions(page, state, request.user) if in_review else [],
        "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "revision_url": reverse(
            "wagtailadmin_pages:revisions_view",
            args=[page.pk, state.current_task_state.revision_id],
        )
        if in_review and state.current_task_state
        else None,
        "source": source,
        "source_url": source.get_url(request) if source and source.live else None,
        "source_edit_url": reverse("wagtailadmin_pages:edit", args=[source.pk])
        if source
        else None,
    }


@register.simple_tag(takes_context=True)
def translation_editor_props(context):
    """The React editor's props without the actions the user may not take.

    "Convert to alias page" would put the live source at the translation's address
    or take the translation offline: that is publishing (or unpublishing), so it is
    offered only to those who may publish the page.
    """
    props = json.loads(context["props"])
    instance = context["instance"]
    if (
        isinstance(instance, Page)
        and props["links"].get("convertToAliasUrl")
        and alias_changes_live_content(instance)
        and not instance.permissions_for_user(context["request"].user).can_publish()
    ):
        props["links"]["convertToAliasUrl"] = None
    return json.dumps(props)
