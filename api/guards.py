"""Input that Wagtail's API v3, or the database below it, cannot take: a 4xx first.

Found by the property-based run of the OpenAPI document
(``tests/test_api_schemathesis.py``). Wagtail's own code is not the portal's to
change, so these sit in front of it, on Ninja's extension points:

- ``GuardedParser`` (the API's request parser) refuses NUL characters in query
  parameters, form fields and JSON bodies: PostgreSQL text cannot hold them, so
  any lookup with one failed with a database error (Wagtail's ``/pages/?locale=``
  and ``/pages/find/`` as much as the portal's ``locale`` and ``path``). It refuses
  an ``offset`` beyond PostgreSQL's bigint, which Wagtail's lists passed on to the
  database unchecked. And it refuses a JSON body that is not an object: every body
  of this API is one, and Wagtail tells page bodies apart by ``meta.type`` and
  failed on anything else.
- ``integer_page_id`` checks ``page_id`` before Wagtail's page update looks the
  page up for its body's type, which it did with the unchecked path (a ValueError).
- ``refuse_tree_root`` wraps Wagtail's page actions: copying, aliasing or moving
  the root of the page tree, or moving a page beside it, failed inside Wagtail
  (the root has no parent); the admin never offers them.
"""

import functools

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, ProhibitNullCharactersValidator
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser
from pydantic import TypeAdapter
from pydantic import ValidationError as PydanticValidationError
from wagtail.models import Page

NUL = "\x00"
# Django's own message (forms refuse NUL too), in the caller's language.
NUL_MESSAGE = ProhibitNullCharactersValidator.message
BIGINT_MAX = 2**63 - 1
PAGE_ID = TypeAdapter(int)
# Any other position, none included, puts the page beside the destination.
CHILD_POSITIONS = {"first-child", "last-child", "sorted-child"}
ROOT_ACTIONS = {"copy", "create_alias", "move"}


def _holds_nul(value):
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


class GuardedParser(Parser):
    def parse_body(self, request):
        data = super().parse_body(request)
        # Ninja answers 400 "Cannot parse request body" to any error raised here.
        if not isinstance(data, dict):
            raise ValueError("The body is not a JSON object.")
        if _holds_nul(data):
            raise ValueError("The body holds a NUL character.")
        return data

    def parse_querydict(self, data, list_fields, request):
        source = "query" if data is request.GET else "form"
        errors = [*_nul_errors(data, source), *_offset_errors(data, source)]
        if errors:
            raise NinjaValidationError(errors)
        return super().parse_querydict(data, list_fields, request)


def _nul_errors(data, source):
    for key, values in data.lists():
        if _holds_nul(key) or _holds_nul(values):
            yield {"type": "string_nul", "loc": [source, key], "msg": str(NUL_MESSAGE)}


def _offset_errors(data, source):
    try:
        MaxValueValidator(BIGINT_MAX)(int(data.get("offset", 0)))
    except (TypeError, ValueError):
        pass  # Not a number: Ninja's own validation answers for it.
    except ValidationError as error:
        yield {
            "type": "less_than_equal",
            "loc": [source, "offset"],
            "msg": error.messages[0],
        }


def integer_page_id(run):
    """For Wagtail's pages router (view mode: before its own validation)."""
    operation = run.__self__

    @functools.wraps(run)
    def checked(request, *args, **kwargs):
        if "page_id" in kwargs:
            try:
                PAGE_ID.validate_python(kwargs["page_id"])
            except PydanticValidationError as error:
                errors = [
                    {"type": e["type"], "loc": ["path", "page_id"], "msg": e["msg"]}
                    for e in error.errors()
                ]
                return operation.api.on_exception(request, NinjaValidationError(errors))
        return run(request, *args, **kwargs)

    return checked


def _is_root(page_id):
    return Page.objects.filter(pk=page_id, depth=1).exists()


def refuse_tree_root(view):
    """For Wagtail's page actions router: a 422 where Wagtail would fail on the root."""
    if view.__name__ not in ROOT_ACTIONS:
        return view

    @functools.wraps(view)
    def guarded(request, page_id, *args, **kwargs):
        if _is_root(page_id):
            raise HttpError(
                422, _("The root of the page tree cannot be copied, aliased or moved.")
            )
        data = kwargs.get("data")
        if (
            view.__name__ == "move"
            and data.position not in CHILD_POSITIONS
            and _is_root(data.destination_id)
        ):
            raise HttpError(
                422, _("No page can be placed beside the root of the page tree.")
            )
        return view(request, page_id, *args, **kwargs)

    return guarded
