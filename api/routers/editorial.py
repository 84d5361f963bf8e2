"""Editorial endpoints for front ends that edit: what plone.restapi offers editors.

Type schemas (``@types``), a listing query (``@querystring-search``), a page's
history (``@history``), the moderation inbox and page locks (``@lock``). Each needs
a token; each answers from Wagtail's own models and permission testers, so a token
sees what its user sees in the admin and no more.
"""

import datetime
from typing import Literal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import ManyToManyField
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from wagtail.admin.panels import FieldPanel, InlinePanel, PanelGroup
from wagtail.admin.utils import get_user_display_name
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.api.v3.errors import ProblemDetail
from wagtail.blocks import BaseStructBlock, ListBlock, StreamBlock
from wagtail.fields import StreamField
from wagtail.models import Page, PageLogEntry, Task, get_page_models
from wagtail.permission_policies.pages import PagePermissionPolicy

from api.pages import any_page_or_404
from api.vocabularies import VOCABULARIES
from core.api import URL_NAME_PREFIX
from core.paging import PagingSchema, api_page
from services.facets import FACETS, TermFacet

router = Router(tags=["editorial"], auth=BearerTokenAuth())

PROBLEMS = dict.fromkeys((400, 401, 403, 404, 422), ProblemDetail)
LOCK_PROBLEMS = {**PROBLEMS, 409: ProblemDetail}
PAGE_TYPES = {model._meta.label_lower: model for model in get_page_models()}
MAX_PAGE_SIZE = 100
PER_PAGE = 20


# --- Links ------------------------------------------------------------------------


class EditLinkSchema(Schema):
    id: int
    title: str
    type: str = Field(description="The page type, e.g. `services.ServicePage`.")
    url: str | None = Field(description="The public URL; none before publishing.")
    edit_api_url: str = Field(description="The page in `/api/v3/pages/{id}/`.")
    admin_url: str = Field(description="The page's editor in the Wagtail admin.")


def edit_link(page):
    return {
        "id": page.pk,
        "title": page.get_admin_display_title(),
        "type": page.specific_class._meta.label if page.specific_class else "",
        "url": page.get_url() if page.live else None,
        "edit_api_url": reverse("wagtailapi_v3:detail_page", args=[page.pk]),
        "admin_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
    }


def _editable_page(request, page_id):
    page = any_page_or_404(page_id)
    perms = page.permissions_for_user(request.user)
    if not (perms.can_edit() or perms.can_publish()):
        raise PermissionDenied(_("You may not edit this page."))
    return page


def _has_page_permissions(user):
    return PagePermissionPolicy().user_has_any_permission(
        user, ["add", "change", "publish"]
    )


def _require_page_permissions(request):
    if not _has_page_permissions(request.user):
        raise PermissionDenied(_("Your token does not allow editing pages."))


# --- Type schemas -----------------------------------------------------------------


class BlockTypeSchema(Schema):
    name: str
    label: str
    kind: str = Field(description="The block class, e.g. `CharBlock`, `StructBlock`.")
    required: bool
    help_text: str
    children: list["BlockTypeSchema"] = Field(
        description="The blocks inside a stream, struct or list block."
    )


class FieldSchema(Schema):
    name: str
    label: str
    kind: Literal["field", "stream", "taxonomy", "relation"]
    widget: str = Field(description="The admin's widget, e.g. `Textarea`.")
    required: bool
    help_text: str
    max_length: int | None
    choices: list[list[str]] = Field(description="`[value, label]` pairs, if any.")
    vocabulary_url: str | None = Field(
        description="Where the terms or pages this field takes are listed."
    )
    blocks: list[BlockTypeSchema] = Field(description="A StreamField's block types.")
    fields: list["FieldSchema"] = Field(description="A relation's own fields.")


class FieldsetSchema(Schema):
    id: str
    label: str
    fields: list[FieldSchema]


class TypeSummarySchema(Schema):
    type: str
    label: str
    description: str
    schema_url: str


class TypeSchema(TypeSummarySchema):
    fieldsets: list[FieldsetSchema]
    parent_types: list[str]
    child_types: list[str]
    max_count: int | None
    max_count_per_parent: int | None


def _block(name, block):
    children = []
    if isinstance(block, (StreamBlock, BaseStructBlock)):
        children = [_block(n, b) for n, b in block.child_blocks.items()]
    elif isinstance(block, ListBlock):
        children = [_block("item", block.child_block)]
    return {
        "name": name,
        "label": str(block.label or capfirst(name)),
        "kind": type(block).__name__,
        "required": bool(getattr(block, "required", False)),
        "help_text": str(getattr(block.meta, "help_text", None) or ""),
        "children": children,
    }


def _vocabulary_url(model):
    for vocabulary in VOCABULARIES.values():
        if vocabulary.model is model:
            return reverse(
                f"wagtailapi_v3:{URL_NAME_PREFIX}vocabulary",
                kwargs={"name": vocabulary.name},
            )
    return None


def _form_field(form_class, model, name):
    model_field = model._meta.get_field(name)
    form_field = form_class.base_fields.get(name)
    kind = "field"
    blocks = []
    vocabulary_url = None
    if isinstance(model_field, StreamField):
        kind = "stream"
        blocks = [
            _block(n, b) for n, b in model_field.stream_block.child_blocks.items()
        ]
    elif isinstance(model_field, ManyToManyField):
        kind = "taxonomy"
        vocabulary_url = _vocabulary_url(model_field.related_model)
    elif model_field.is_relation:
        kind = "relation"
        vocabulary_url = _vocabulary_url(model_field.related_model)
    choices = [[str(v), str(label)] for v, label in (model_field.choices or [])]
    return {
        "name": name,
        "label": str(
            form_field.label if form_field else capfirst(model_field.verbose_name)
        ),
        "kind": kind,
        "widget": type(form_field.widget).__name__ if form_field else "",
        "required": bool(form_field.required) if form_field else False,
        "help_text": str(getattr(model_field, "help_text", "") or ""),
        "max_length": getattr(model_field, "max_length", None),
        "choices": choices,
        "vocabulary_url": vocabulary_url,
        "blocks": blocks,
        "fields": [],
    }


def _inline(form_class, model, relation_name, panel):
    relation = model._meta.get_field(relation_name)
    child_model = relation.related_model
    formset = form_class.formsets.get(relation_name)
    child_form = formset.form if formset else None
    names = [
        field.name
        for field in child_model._meta.get_fields()
        if child_form is not None and field.name in child_form.base_fields
    ]
    return {
        "name": relation_name,
        "label": str(panel.heading or capfirst(relation_name)),
        "kind": "relation",
        "widget": "InlinePanel",
        "required": bool(getattr(panel, "min_num", 0)),
        "help_text": str(getattr(panel, "help_text", "") or ""),
        "max_length": None,
        "choices": [],
        "vocabulary_url": None,
        "blocks": [],
        "fields": [_form_field(child_form, child_model, name) for name in names],
    }


def _panel_fields(panel, form_class, model):
    if isinstance(panel, InlinePanel):
        return [_inline(form_class, model, panel.relation_name, panel)]
    if isinstance(panel, FieldPanel):
        if panel.field_name not in form_class.base_fields:
            return []
        return [_form_field(form_class, model, panel.field_name)]
    if isinstance(panel, PanelGroup):
        return [
            field
            for child in panel.children
            for field in _panel_fields(child, form_class, model)
        ]
    return []


def _type_label(model):
    return str(capfirst(model._meta.verbose_name))


def _summary(model):
    return {
        "type": model._meta.label,
        "label": _type_label(model),
        "description": str(model.get_page_description() or ""),
        "schema_url": reverse(
            "wagtailapi_v3:editorial_type", kwargs={"type_name": model._meta.label}
        ),
    }


def _tab_id(tab):
    # The same in every language: the English heading, as a slug.
    with translation.override("en"):
        return slugify(str(tab.heading or "content"))


def type_schema(model):
    edit_handler = model.get_edit_handler()
    form_class = edit_handler.get_form_class()
    fieldsets = []
    for tab in edit_handler.children:
        fields = _panel_fields(tab, form_class, model)
        if fields:
            fieldsets.append(
                {
                    "id": _tab_id(tab),
                    "label": str(tab.heading or _("Content")),
                    "fields": fields,
                }
            )
    return {
        **_summary(model),
        "fieldsets": fieldsets,
        "parent_types": [
            m._meta.label for m in model.allowed_parent_page_models() if m is not Page
        ],
        "child_types": [m._meta.label for m in model.creatable_subpage_models()],
        "max_count": model.max_count,
        "max_count_per_parent": model.max_count_per_parent,
    }


@router.get(
    "/types/",
    response={200: list[TypeSummarySchema], **PROBLEMS},
    url_name="editorial_types",
    summary="Page types, or those the user may add under a parent",
    operation_id="editorial_types",
)
def types(request, parent_id: int | None = None):
    """Every creatable page type; with ``parent_id``, the types the token's user
    may add under that page now (its subpage types, max counts and the user's
    permissions), as the admin's "Add child page" offers."""
    _require_page_permissions(request)
    if parent_id is None:
        models = [m for m in PAGE_TYPES.values() if m is not Page and m.is_creatable]
        return [_summary(m) for m in models]
    parent = any_page_or_404(parent_id)
    if not parent.permissions_for_user(request.user).can_add_subpage():
        return []
    return [
        _summary(model)
        for model in parent.specific_class.creatable_subpage_models()
        if model.can_create_at(parent)
    ]


@router.get(
    "/types/{type_name}/",
    response={200: TypeSchema, **PROBLEMS},
    url_name="editorial_type",
    summary="The schema of a page type: fieldsets, widgets, blocks, relations",
    operation_id="editorial_type",
)
def page_type(request, type_name: str):
    """A page type's fields grouped as the admin's tabs and panels show them,
    with widgets, required flags, help texts, StreamField blocks, relations and
    taxonomy (with the vocabulary each takes its terms from)."""
    _require_page_permissions(request)
    model = PAGE_TYPES.get(type_name.lower())
    if model is None or model is Page:
        raise Http404(_("There is no page type %(type)s.") % {"type": type_name})
    return type_schema(model)


# --- Listing query ----------------------------------------------------------------

SORTS = (
    "title",
    "-title",
    "first_published_at",
    "-first_published_at",
    "last_published_at",
    "-last_published_at",
    "path",
    "-latest_revision_created_at",
)
SortLiteral = Literal[SORTS]
FIELDS = ("summary", "live", "first_published_at", "last_published_at", "locale")
# The search facets' terms (services/facets.py): a page matches any token given.
TERM_FACETS = [facet for facet in FACETS if isinstance(facet, TermFacet)]


class QueryIn(Schema):
    type: list[str] = Field(
        [], description="Page types, e.g. `services.ServicePage`; any of them."
    )
    path: int | None = Field(None, description="Only descendants of this page id.")
    locale: str | None = None
    school_type: list[str] = Field([], description="School type tokens.")
    target_group: list[str] = Field([], description="Target group tokens.")
    theme: list[str] = Field([], description="Theme tokens.")
    measure: list[str] = Field([], description="Measure codes, e.g. `3.1`.")
    published_after: datetime.date | None = Field(
        None, description="First published on or after this date."
    )
    published_before: datetime.date | None = Field(
        None, description="Last published on or before this date."
    )
    live: bool | None = None
    sort: SortLiteral = "path"
    fields: list[str] = Field(
        [], description=f"Extra fields per item, of: {', '.join(FIELDS)}."
    )
    page: int = Field(1, description="1-based; a page out of range is a 400.")
    per_page: int = Field(
        PER_PAGE, description=f"Items per page, 1 to {MAX_PAGE_SIZE}."
    )


class ResultSchema(EditLinkSchema):
    summary: str | None = None
    live: bool | None = None
    first_published_at: datetime.datetime | None = None
    last_published_at: datetime.datetime | None = None
    locale: str | None = None


class ResultsSchema(Schema):
    paging: PagingSchema
    items: list[ResultSchema]


def _bad(detail):
    raise HttpError(400, detail)


def _query(q):
    pages = Page.objects.all().filter(depth__gt=1)
    if q.type:
        models = []
        for name in q.type:
            model = PAGE_TYPES.get(name.lower())
            if model is None:
                _bad(_("There is no page type %(type)s.") % {"type": name})
            models.append(model)
        pages = pages.type(*models)
    if q.path is not None:
        pages = pages.descendant_of(any_page_or_404(q.path))
    if q.locale:
        pages = pages.filter(locale__language_code=q.locale)
    for facet in TERM_FACETS:
        tokens = getattr(q, facet.param)
        if tokens:
            tagged = facet.model.objects.filter(**{f"{facet.path}__in": tokens})
            pages = pages.filter(pk__in=tagged.values("pk"))
    if q.published_after:
        pages = pages.filter(first_published_at__date__gte=q.published_after)
    if q.published_before:
        pages = pages.filter(last_published_at__date__lte=q.published_before)
    if q.live is not None:
        pages = pages.filter(live=q.live)
    unknown = sorted(set(q.fields) - set(FIELDS))
    if unknown:
        _bad(
            _("Unknown fields %(unknown)s; choose from %(choices)s.")
            % {"unknown": ", ".join(unknown), "choices": ", ".join(FIELDS)}
        )
    return pages.order_by(q.sort, "pk")


def _result(page, fields):
    item = edit_link(page)
    for name in fields:
        if name == "summary":
            item[name] = getattr(page.specific_deferred, "summary", "") or ""
        elif name == "locale":
            item[name] = page.locale.language_code
        else:
            item[name] = getattr(page, name)
    return item


@router.get(
    "/search/",
    response={200: ResultsSchema, **PROBLEMS},
    url_name="editorial_search",
    summary="Query the page tree (drafts included) for editors",
    operation_id="editorial_search",
)
def search(request, q: QueryIn = Query(...)):  # noqa: B008
    """Pages the token's user may edit, by type, place in the tree (``path``),
    language, taxonomy tokens and publication dates; sorted, in pages with the
    total and the next and previous page's links. Bad values are a 400."""
    _require_page_permissions(request)
    explorable = PagePermissionPolicy().explorable_instances(request.user)
    pages = _query(q).filter(pk__in=explorable.values("pk"))
    found, paging = api_page(
        request, pages.select_related("locale"), PER_PAGE, maximum=MAX_PAGE_SIZE
    )
    return {"paging": paging, "items": [_result(page, q.fields) for page in found]}


# --- History ----------------------------------------------------------------------


class HistoryEntrySchema(Schema):
    action: str = Field(description="Wagtail's action, e.g. `wagtail.publish`.")
    label: str
    timestamp: datetime.datetime
    actor: str | None
    revision_id: int | None
    comment: str = Field(description="A moderator's comment, if any.")
    task: str | None = Field(description="The moderation task, if any.")


class HistorySchema(Schema):
    page: EditLinkSchema
    paging: PagingSchema
    entries: list[HistoryEntrySchema]


def _name(user):
    return get_user_display_name(user) if user is not None else None


def _entry(entry):
    data = entry.data or {}
    workflow = data.get("workflow") or {}
    return {
        "action": entry.action,
        "label": str(entry.message),
        "timestamp": entry.timestamp,
        "actor": _name(entry.user),
        "revision_id": entry.revision_id,
        "comment": data.get("comment") or "",
        "task": (workflow.get("task") or {}).get("title"),
    }


@router.get(
    "/pages/{page_id}/history/",
    response={200: HistorySchema, **PROBLEMS},
    url_name="editorial_history",
    summary="A page's history: edits, publishing, moderation",
    operation_id="editorial_history",
)
def history(request, page_id: int, page: int = Query(1, description="1-based.")):
    """Wagtail's log of the page, newest first: revisions saved, published and
    unpublished, locks, and moderation (submitted, approved, changes requested,
    with the moderator's comment), each with who and when."""
    obj = _editable_page(request, page_id)
    entries = (
        PageLogEntry.objects.filter(page_id=obj.pk)
        .select_related("user")
        .order_by("-timestamp", "-pk")
    )
    found, paging = api_page(request, entries, MAX_PAGE_SIZE, maximum=MAX_PAGE_SIZE)
    return {
        "page": edit_link(obj),
        "paging": paging,
        "entries": [_entry(entry) for entry in found],
    }


# --- Moderation inbox -------------------------------------------------------------


class InboxItemSchema(Schema):
    page: EditLinkSchema
    task: str
    workflow: str
    submitted_by: str | None
    submitted_at: datetime.datetime
    actions: list[str]
    moderation_url: str


@router.get(
    "/inbox/",
    response={200: list[InboxItemSchema], **PROBLEMS},
    url_name="editorial_inbox",
    summary="Pages awaiting the user's review",
    operation_id="editorial_inbox",
)
def inbox(request):
    """The moderation tasks the token's user can act on now, oldest first, with
    the actions they may take (``approve``, ``reject``) through
    ``/api/v3/moderation/pages/{id}/``: what the admin dashboard lists."""
    page_type = ContentType.objects.get_for_model(Page)
    reviewable = [
        (task, state)
        for task in Task.objects.filter(active=True).specific()
        for state in task.get_task_states_user_can_moderate(request.user)
        .filter(workflow_state__base_content_type=page_type)
        .select_related("workflow_state__workflow", "workflow_state__requested_by")
    ]
    # Every page under review at once, not two queries each.
    ids = {int(state.workflow_state.object_id) for _task, state in reviewable}
    pages = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    items = []
    for task, state in reviewable:
        page = pages[int(state.workflow_state.object_id)]
        actions = list(
            dict.fromkeys(name for name, *_ in task.get_actions(page, request.user))
        )
        requester = state.workflow_state.requested_by
        items.append(
            {
                "page": edit_link(page),
                "task": task.name,
                "workflow": state.workflow_state.workflow.name,
                "submitted_by": _name(requester),
                "submitted_at": state.started_at,
                "actions": actions,
                "moderation_url": reverse(
                    "wagtailapi_v3:moderation_page", kwargs={"page_id": page.pk}
                ),
            }
        )
    return sorted(items, key=lambda item: item["submitted_at"])


# --- Locks ------------------------------------------------------------------------


class LockSchema(Schema):
    page_id: int
    locked: bool
    locked_by: str | None
    locked_at: datetime.datetime | None
    locked_by_you: bool
    can_lock: bool
    can_unlock: bool


def _lock(page, user):
    perms = page.permissions_for_user(user)
    return {
        "page_id": page.pk,
        "locked": page.locked,
        "locked_by": _name(page.locked_by),
        "locked_at": page.locked_at,
        "locked_by_you": page.locked and page.locked_by_id == user.pk,
        "can_lock": not page.locked and perms.can_lock(),
        "can_unlock": page.locked and perms.can_unlock(),
    }


@router.get(
    "/pages/{page_id}/lock/",
    response={200: LockSchema, **PROBLEMS},
    url_name="editorial_lock",
    summary="Whether a page is locked, and by whom",
    operation_id="editorial_lock",
)
def lock_state(request, page_id: int):
    page = _editable_page(request, page_id)
    return _lock(page, request.user)


@router.post(
    "/pages/{page_id}/lock/",
    response={200: LockSchema, **LOCK_PROBLEMS},
    url_name="editorial_lock_create",
    summary="Lock a page against other editors' changes",
    operation_id="editorial_lock_create",
)
def lock(request, page_id: int):
    """Locks the page, as the admin's "Lock" does: until it is unlocked, a write
    by anyone else (``PATCH``, publish, unpublish, delete, move) is a 423.
    409 when it is locked already; only for users with the lock permission."""
    with transaction.atomic():
        page = any_page_or_404(page_id, lock=True)
        if page.locked:
            raise HttpError(409, _("This page is locked already."))
        if not page.permissions_for_user(request.user).can_lock():
            raise PermissionDenied(_("You may not lock this page."))
        page.locked, page.locked_by, page.locked_at = True, request.user, timezone.now()
        page.save(update_fields=["locked", "locked_by", "locked_at"])
        PageLogEntry.objects.log_action(page, "wagtail.lock", user=request.user)
    return _lock(page, request.user)


@router.delete(
    "/pages/{page_id}/lock/",
    response={200: LockSchema, **LOCK_PROBLEMS},
    url_name="editorial_lock_delete",
    summary="Unlock a page",
    operation_id="editorial_lock_delete",
)
def unlock(request, page_id: int):
    """Unlocks the page: for the editor who locked it and for users with the
    unlock permission. 409 when it is not locked."""
    with transaction.atomic():
        page = any_page_or_404(page_id, lock=True)
        if not page.locked:
            raise HttpError(409, _("This page is not locked."))
        if not page.permissions_for_user(request.user).can_unlock():
            raise PermissionDenied(_("You may not unlock this page."))
        page.locked, page.locked_by, page.locked_at = False, None, None
        page.save(update_fields=["locked", "locked_by", "locked_at"])
        PageLogEntry.objects.log_action(page, "wagtail.unlock", user=request.user)
    return _lock(page, request.user)
