"""Moderation of pages for front ends: submit, approve, request changes.

Each action runs the code the admin runs for it (``Workflow.start`` or
``WorkflowState.resume`` for "Submit for moderation", the current task's
``on_action`` for its workflow actions) and each permission comes from Wagtail:
the page's permission tester and the task's own ``get_actions``. No group names.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from ninja import Body, Router, Schema
from ninja.errors import HttpError
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.api.v3.errors import ProblemDetail
from wagtail.models import WorkflowState

from api.pages import any_page_or_404

router = Router(tags=["moderation"], auth=BearerTokenAuth())

PROBLEMS = dict.fromkeys((401, 403, 404, 422), ProblemDetail)
ACTION_PROBLEMS = {**PROBLEMS, 409: ProblemDetail}
# A body that is not a JSON object cannot be parsed (api/guards.py).
COMMENT_PROBLEMS = {**ACTION_PROBLEMS, 400: ProblemDetail}


class TaskStateSchema(Schema):
    id: int
    task: str
    status: str
    status_label: str
    comment: str


class ModerationSchema(Schema):
    page_id: int
    title: str
    workflow: str | None
    status: str | None
    status_label: str | None
    current_task: TaskStateSchema | None
    actions: list[str]


class WorkflowActionIn(Schema):
    comment: str = ""


def _latest_state(page):
    return (
        page.workflow_states.select_related("workflow", "current_task_state__task")
        .order_by("-created_at", "-pk")
        .first()
    )


def _task_actions(page, user):
    task = page.current_workflow_task
    if task is None:
        return []
    # "Approve" and "Approve with comment" are one action to the API.
    names = (name for name, _label, _modal in task.get_actions(page, user))
    return list(dict.fromkeys(names))


def _can_submit(perms):
    # Wagtail's can_submit_for_moderation() only tells whether the page may enter
    # its workflow now; the admin offers it inside the editor, to users who can edit.
    return perms.can_edit() and perms.can_submit_for_moderation()


def _task_state(task_state):
    return {
        "id": task_state.pk,
        "task": task_state.task.name,
        "status": task_state.status,
        "status_label": str(task_state.get_status_display()),
        "comment": task_state.comment,
    }


def _moderation(page, user, perms=None):
    perms = perms or page.permissions_for_user(user)
    state = _latest_state(page)
    workflow = state.workflow if state else page.get_workflow()
    actions = _task_actions(page, user)
    if _can_submit(perms):
        actions.insert(0, "submit")
    return {
        "page_id": page.pk,
        "title": page.get_admin_display_title(),
        "workflow": workflow.name if workflow else None,
        "status": state.status if state else None,
        "status_label": str(state.get_status_display()) if state else None,
        "current_task": _task_state(state.current_task_state)
        if state and state.current_task_state
        else None,
        "actions": actions,
    }


@router.get(
    "/pages/{page_id}/",
    response={200: ModerationSchema, **PROBLEMS},
    url_name="moderation_page",
    summary="The moderation state of a page",
    operation_id="moderation_detail",
)
def moderation_detail(request, page_id: int):
    """The page's latest workflow (in progress or finished), its current task and
    what the token's user may do now: ``submit``, ``approve``, ``reject``."""
    page = any_page_or_404(page_id)
    perms = page.permissions_for_user(request.user)
    moderation = _moderation(page, request.user, perms)
    if not (perms.can_edit() or moderation["actions"]):
        raise PermissionDenied(_("You may not see the moderation of this page."))
    return moderation


@router.post(
    "/pages/{page_id}/submit/",
    response={200: ModerationSchema, **ACTION_PROBLEMS},
    url_name="moderation_submit",
    summary="Submit a page's latest draft for moderation",
    operation_id="moderation_submit",
)
def submit(request, page_id: int):
    """Starts the page's workflow on its latest draft, or resumes the workflow when
    a moderator asked for changes: what "Submit for moderation" does in the admin.
    409 when the page is already in moderation, locked, or has no workflow."""
    with transaction.atomic():
        page = any_page_or_404(page_id, lock=True)
        perms = page.permissions_for_user(request.user)
        if not perms.can_edit():
            raise PermissionDenied(_("You may not submit this page for moderation."))
        if page.workflow_in_progress:
            raise HttpError(409, _("This page is already in moderation."))
        if perms.page_locked():
            raise HttpError(409, _("This page is locked."))
        workflow = page.get_workflow()
        if workflow is None:
            raise HttpError(409, _("No moderation workflow applies to this page."))
        if page.get_latest_revision() is None:
            page.save_revision(user=request.user, log_action=True)
        state = page.current_workflow_state
        if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            state.resume(request.user)
        else:
            workflow.start(page, request.user)
    return _moderation(page, request.user)


def _workflow_action(request, page_id, action, comment, refusal):
    with transaction.atomic():
        page = any_page_or_404(page_id, lock=True)
        task_state = page.current_workflow_task_state
        if task_state is None:
            raise HttpError(409, _("This page is not awaiting moderation."))
        if action not in _task_actions(page, request.user):
            raise PermissionDenied(refusal)
        task_state.task.specific.on_action(
            task_state, request.user, action, comment=comment
        )
    page.refresh_from_db()
    return _moderation(page, request.user)


@router.post(
    "/pages/{page_id}/approve/",
    response={200: ModerationSchema, **COMMENT_PROBLEMS},
    url_name="moderation_approve",
    summary="Approve the page's current moderation task",
    operation_id="moderation_approve",
)
def approve(
    request,
    page_id: int,
    data: WorkflowActionIn = Body(WorkflowActionIn()),  # noqa: B008
):
    """Approves the current task with an optional comment; approving the last task
    publishes the page's latest revision, as in the admin. Only for users the task
    lets approve."""
    return _workflow_action(
        request, page_id, "approve", data.comment, _("You may not approve this page.")
    )


@router.post(
    "/pages/{page_id}/reject/",
    response={200: ModerationSchema, **COMMENT_PROBLEMS},
    url_name="moderation_reject",
    summary="Request changes to the page (reject the current moderation task)",
    operation_id="moderation_reject",
)
def reject(
    request,
    page_id: int,
    data: WorkflowActionIn = Body(WorkflowActionIn()),  # noqa: B008
):
    """Sends the page back to its editors with a comment: the workflow waits in
    "needs changes" until they submit again. Only for users the task lets reject."""
    return _workflow_action(
        request,
        page_id,
        "reject",
        data.comment,
        _("You may not request changes to this page."),
    )
