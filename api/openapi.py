"""The OpenAPI document as clients generate code from it: valid, typed, stable.

Ninja writes the document from the operations; this puts right what generators and
validators refuse or what would make it differ between two requests:

- the text is written in English whatever language the request asks for (field help
  texts are translated strings), so the document is the same for every caller;
- anonymous access is an empty security requirement (``{}``), the OpenAPI way of
  saying "optional"; ``AllowAnonymous`` is not an HTTP authentication scheme;
- a request body is a plain ``$ref`` (Ninja wraps a body with a default in an
  ``allOf`` with that default, which client generators skip);
- list and detail answers carry ``links`` to the operations their ids lead to, so a
  stateful test (and a reader) can follow them.
"""

import json
from functools import wraps

from django.utils import translation
from ninja.responses import NinjaJSONEncoder

ANONYMOUS = "AllowAnonymous"

# (operation that answers ids, JSON pointer to the id in its answer) ->
# (operation taking it, its parameter). Followed by schemathesis's stateful run.
LINKS = {
    "portal_resolve": [("$response.body#/id", "portal_page_detail", "page_id")],
    "portal_page_detail": [
        ("$response.body#/id", "portal_page_breadcrumbs", "page_id"),
        ("$response.body#/id", "portal_page_translations", "page_id"),
        ("$response.body#/id", "pages_detail", "page_id"),
    ],
    "pages_list": [("$response.body#/items/0/id", "pages_detail", "page_id")],
    "pages_detail": [("$response.body#/id", "portal_page_detail", "page_id")],
    "images_list": [
        ("$response.body#/items/0/id", "images_detail", "image_id"),
        ("$response.body#/items/0/id", "portal_image_renditions", "image_id"),
    ],
    "portal_vocabularies": [
        ("$response.body#/0/name", "portal_vocabulary", "name"),
    ],
}


def portal_openapi_schema(get_openapi_schema):
    """Wraps ``NinjaAPI.get_openapi_schema`` with the corrections above."""

    @wraps(get_openapi_schema)
    def wrapper(*args, **kwargs):
        with translation.override("en"):
            # Lazy translated strings (model field labels) are rendered here, in
            # English, not later in the language of the request.
            document = json.loads(
                json.dumps(get_openapi_schema(*args, **kwargs), cls=NinjaJSONEncoder)
            )
        finish(document)
        return document

    return wrapper


def operations(document):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def finish(document):
    schemes = document.get("components", {}).get("securitySchemes", {})
    schemes.pop(ANONYMOUS, None)
    ids = {}
    for _path, _method, operation in operations(document):
        ids[operation["operationId"]] = operation
        if "security" in operation:
            operation["security"] = [
                {} if ANONYMOUS in requirement else requirement
                for requirement in operation["security"]
            ]
        for media in operation.get("requestBody", {}).get("content", {}).values():
            media["schema"] = plain_schema(media["schema"])
    for source, links in LINKS.items():
        operation = ids.get(source)
        if operation is None:
            continue
        ok = operation["responses"].get("200")
        for expression, target, parameter in links:
            if ok is None or target not in ids:
                continue
            ok.setdefault("links", {})[f"{target}_{parameter}"] = {
                "operationId": target,
                "parameters": {parameter: expression},
            }


def plain_schema(schema):
    """``{"allOf": [{"$ref": …}], "default": …}`` as the ``$ref`` it wraps."""
    all_of = schema.get("allOf")
    if all_of and len(all_of) == 1 and set(schema) <= {"allOf", "default", "title"}:
        return all_of[0]
    return schema


def document_text():
    """The document as a file: what the headless example is typed from."""
    from api.urls import api

    return json.dumps(api.get_openapi_schema(), indent=2, ensure_ascii=False) + "\n"
