"""Wagtail's page write endpoints, made to say what they do.

Wagtail's ``/api/v3/pages/`` write operations are not the portal's to change, so
these sit in front of them on Ninja's extension points (``api/urls.py``):

- ``checked_write`` (operation mode, after authentication and validation):
  a body field the page type does not accept, or accepts read-only, is a 422
  naming it (Pydantic ignored it, and the answer was a 200 that changed nothing);
  a page type its parent does not take is a 422 naming the allowed types (Wagtail
  answered 403 "no permission", to administrators too); a stale ``If-Match`` is a
  412; a page locked to the caller (by another editor, or by the moderation
  workflow) is a 423.
- ``page_validator`` (view mode, around the whole answer): the page's ETag
  (``api/concurrency.py``) on every answer to an authenticated caller that reads
  or writes one page, for the next ``If-Match``.
"""

import functools
import inspect
import json

from django.db.models import ManyToManyField
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_user_display_name
from wagtail.api.v3.registry import registry
from wagtail.coreutils import resolve_model_string
from wagtail.models import Page, TranslatableMixin

from .concurrency import current_etag, if_match_fails, page_etag
from .problems import problem

CREATE = "create_page"
UPDATE = "update_page"
# Operations that change a page in place: the lock applies (revert has its own
# check, portal/actions.py), and If-Match to those in CONDITIONAL.
CHANGES = {UPDATE, "publish", "unpublish", "delete", "move"}
CONDITIONAL = {UPDATE, "publish", "delete"}
# Operations whose answer is one page's current state.
ONE_PAGE = {"page_detail", UPDATE, "publish", "unpublish", "move", "revert"}


def _body(request):
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _type_label(model):
    return f"{model._meta.label} ({model._meta.verbose_name})"


def field_problems(schema, model, body):
    """The keys of ``body`` that ``schema`` does not take, as problem errors."""
    readable = set()
    registration = registry.get(model._meta.label)
    if registration is not None and registration.read_schema is not None:
        readable = set(registration.read_schema.model_fields)
    errors = []
    for name in sorted(set(body) - set(schema.model_fields)):
        read_only = name in readable
        errors.append(
            {
                "type": "read_only_field" if read_only else "unknown_field",
                "loc": ["body", name],
                "msg": _("This field is read-only.")
                if read_only
                else _("This field does not exist on this page type."),
            }
        )
    meta_schema = schema.model_fields["meta"].annotation
    meta_fields = set()
    for member in getattr(meta_schema, "__args__", (meta_schema,)):
        meta_fields |= set(getattr(member, "model_fields", ()))
    meta = body.get("meta")
    if isinstance(meta, dict):
        for name in sorted(set(meta) - meta_fields):
            errors.append(
                {
                    "type": "unknown_field",
                    "loc": ["body", "meta", name],
                    "msg": _("This field does not exist on this page type."),
                }
            )
    return errors


def unknown_fields(model, schema_name, body):
    registration = registry.get(model._meta.label)
    schema = getattr(registration, schema_name, None) if registration else None
    if schema is None:
        return None
    errors = field_problems(schema, model, body)
    if not errors:
        return None
    names = ", ".join(".".join(map(str, error["loc"][1:])) for error in errors)
    return problem(
        422,
        _("This page type does not accept these fields: %(names)s.") % {"names": names},
        errors=errors,
    )


def placement_problem(model, parent):
    """422 when ``parent`` does not take a ``model`` page (types, max_count)."""
    parent_class = parent.specific_class
    if parent_class is None:
        return None
    children = list(parent_class.creatable_subpage_models())
    parents = [m for m in model.allowed_parent_page_models() if m is not Page]
    if model in children and model.can_create_at(parent):
        return None
    extra = {
        "allowed_child_types": [m._meta.label for m in children],
        "allowed_parent_types": [m._meta.label for m in parents],
    }
    if model in children:
        detail = _(
            "No more pages of type %(type)s can be created here: the site allows "
            "only %(count)s."
        ) % {
            "type": _type_label(model),
            "count": model.max_count_per_parent or model.max_count,
        }
    else:
        detail = _(
            "A page of type %(type)s cannot be placed under a page of type "
            "%(parent)s. Allowed here: %(children)s. A %(type)s belongs under: "
            "%(parents)s."
        ) % {
            "type": _type_label(model),
            "parent": _type_label(parent_class),
            "children": ", ".join(extra["allowed_child_types"]) or "-",
            "parents": ", ".join(extra["allowed_parent_types"]) or "-",
        }
    return problem(422, detail, **extra)


def resolve_tokens(model, data, locale):
    """Tokens (slugs) in ``data``'s many-to-many fields become ids, in place.

    The read side shows a term's id and its token; a front end may write either.
    A term is looked up in the page's language; an unknown token is a 422.
    """
    errors = []
    for field in model._meta.get_fields():
        if not isinstance(field, ManyToManyField) or field.name not in (
            data.model_fields_set
        ):
            continue
        values = getattr(data, field.name) or []
        tokens = [value for value in values if isinstance(value, str)]
        if not tokens:
            continue
        terms = field.related_model._default_manager.filter(slug__in=tokens)
        if issubclass(field.related_model, TranslatableMixin):
            terms = terms.filter(locale=locale)
        ids = dict(terms.values_list("slug", "pk"))
        unknown = [token for token in tokens if token not in ids]
        if unknown:
            errors.append(
                {
                    "type": "unknown_token",
                    "loc": ["body", field.name],
                    "msg": _("No term with the token %(tokens)s in this language.")
                    % {"tokens": ", ".join(unknown)},
                }
            )
            continue
        setattr(
            data,
            field.name,
            [ids[value] if isinstance(value, str) else value for value in values],
        )
    if errors:
        return problem(422, errors[0]["msg"], errors=errors)
    return None


def _create_problem(request, data):
    body = _body(request)
    model = resolve_model_string(data.meta.type)
    found = unknown_fields(model, "create_schema", body)
    if found is not None:
        return found
    parent = Page.objects.filter(pk=data.meta.parent_id).first()
    if parent is None:
        return None  # Wagtail answers 404.
    found = placement_problem(model, parent)
    if found is not None:
        return found
    return resolve_tokens(model, data, parent.locale)


def _change_problem(request, name, page_id, kwargs):
    # Read once for every check below; a missing page is Wagtail's 404.
    page = Page.objects.filter(pk=page_id).select_related("locale", "locked_by").first()
    if name == UPDATE:
        model = resolve_model_string(kwargs["data"].meta.type)
        found = unknown_fields(model, "patch_schema", _body(request))
        if found is not None:
            return found
        if page is not None:
            found = resolve_tokens(model, kwargs["data"], page.locale)
            if found is not None:
                return found
    etag = page_etag(page) if page is not None else None
    if name in CONDITIONAL and if_match_fails(request, etag):
        return problem(
            412,
            _(
                "The page has changed since you read it (If-Match does not match "
                "its ETag). Read it again and repeat your change."
            ),
            headers={"ETag": etag},
        )
    if page is not None:
        perms = page.permissions_for_user(request.user)
        if perms.page_locked():
            return problem(423, locked_detail(page), **lock_state(page))
    return None


def locked_detail(page):
    if page.locked and page.locked_by is not None:
        return _("This page is locked by %(name)s.") % {
            "name": get_user_display_name(page.locked_by)
        }
    if page.locked:
        return _("This page is locked.")
    return _("This page is in moderation and locked until it is reviewed.")


def lock_state(page):
    return {
        "locked": bool(page.locked),
        "locked_at": page.locked_at.isoformat() if page.locked_at else None,
        "in_moderation": bool(page.workflow_in_progress),
    }


def checked_write(view):
    name = view.__name__
    if name != CREATE and name not in CHANGES:
        return view

    @functools.wraps(view)
    def checked(request, *args, **kwargs):
        if name == CREATE:
            found = _create_problem(request, kwargs["data"])
        else:
            found = _change_problem(request, name, kwargs.get("page_id"), kwargs)
        if found is not None:
            return found
        return view(request, *args, **kwargs)

    return checked


def page_validator(run):
    """Adds the page's ETag to answers about one page, for authenticated callers."""
    operation = inspect.unwrap(run).__self__
    name = operation.view_func.__name__
    if name not in ONE_PAGE:
        return run

    @functools.wraps(run)
    def with_etag(request, *args, **kwargs):
        response = run(request, *args, **kwargs)
        user = getattr(request, "user", None)
        if (
            response.status_code == 200
            and user is not None
            and user.is_authenticated
            and "page_id" in kwargs
        ):
            etag = current_etag(kwargs["page_id"])
            if etag is not None:
                response["ETag"] = etag
                response["Cache-Control"] = "private, no-store"
        return response

    return with_etag
