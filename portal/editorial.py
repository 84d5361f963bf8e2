"""The editorial set-up every installation needs: the two groups and their workflow.

Created after ``migrate`` (and after a test flush) when missing; an existing group is
left alone, so that permissions changed by an administrator are never overwritten.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITORS = "Redactie"
MODERATORS = "Eindredactie"
WORKFLOW_NAME = "Eindredactie"

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = EDITOR_PAGE_PERMISSIONS + [
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["add", "change", "choose"]),
    ("wagtaildocs", "document", ["add", "change", "choose"]),
]
MODERATOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["add", "change", "choose", "delete"]),
    ("wagtaildocs", "document", ["add", "change", "choose", "delete"]),
]
EDITOR_MODEL_PERMISSIONS = [
    ("wagtailadmin", "admin", ["access"]),
    ("wagtail_localize", "translation", ["submit"]),
    ("services", "targetgroup", ["add", "change", "view"]),
    ("services", "theme", ["add", "change", "view"]),
    ("services", "schooltype", ["add", "change", "view"]),
]
MODERATOR_MODEL_PERMISSIONS = [
    ("wagtailadmin", "admin", ["access"]),
    ("wagtail_localize", "translation", ["submit"]),
    ("services", "targetgroup", ["add", "change", "delete", "view"]),
    ("services", "theme", ["add", "change", "delete", "view"]),
    ("services", "schooltype", ["add", "change", "delete", "view"]),
    ("wagtailredirects", "redirect", ["add", "change", "delete"]),
    ("core", "footersettings", ["change"]),
    ("wagtailsearchpromotions", "query", ["add", "change", "delete"]),
]


def _permission(app_label, model, action):
    # wagtail-localize creates "submit_translation" in a data migration, which a
    # database flush (live-server tests) undoes; the others come with their models.
    permission, _ = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_by_natural_key(app_label, model),
        codename=f"{action}_{model}",
        defaults={"name": f"Can {action} {model}"},
    )
    return permission


def _create_group(name, page_perms, collection_perms, model_perms):
    group, created = Group.objects.get_or_create(name=name)
    if not created:
        return group, False
    root = Page.get_first_root_node()
    page_type = ContentType.objects.get_for_model(Page)
    for codename in page_perms:
        GroupPagePermission.objects.create(
            group=group,
            page=root,
            permission=Permission.objects.get(
                content_type=page_type, codename=codename
            ),
        )
    root_collection = Collection.get_first_root_node()
    for app_label, model, actions in collection_perms:
        for action in actions:
            GroupCollectionPermission.objects.create(
                group=group,
                collection=root_collection,
                permission=_permission(app_label, model, action),
            )
    group.permissions.add(
        *[
            _permission(app_label, model, action)
            for app_label, model, actions in model_perms
            for action in actions
        ]
    )
    return group, True


@transaction.atomic
def ensure_editorial_setup():
    if Page.get_first_root_node() is None or Collection.get_first_root_node() is None:
        return
    _create_group(
        EDITORS,
        EDITOR_PAGE_PERMISSIONS,
        EDITOR_COLLECTION_PERMISSIONS,
        EDITOR_MODEL_PERMISSIONS,
    )
    moderators, created = _create_group(
        MODERATORS,
        MODERATOR_PAGE_PERMISSIONS,
        MODERATOR_COLLECTION_PERMISSIONS,
        MODERATOR_MODEL_PERMISSIONS,
    )
    if not created:
        return
    task = GroupApprovalTask.objects.create(
        name=f"{MODERATORS}: goedkeuren en publiceren"
    )
    task.groups.set([moderators])
    workflow = Workflow.objects.create(name=WORKFLOW_NAME)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    # The whole tree goes through this workflow, translations included.
    WorkflowPage.objects.update_or_create(
        page=Page.get_first_root_node(), defaults={"workflow": workflow}
    )
