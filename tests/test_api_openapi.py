"""One OpenAPI document lists every read endpoint with its schemas and problems."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from ninja.openapi.schema import OpenAPISchema
from wagtail.models import Page, get_page_models

from api.pages import PAGE_SCHEMAS
from api.urls import api
from core.api import PortalPageSchema, page_schemas, register
from services.models import ServicePage

pytestmark = pytest.mark.django_db

READ_OPERATIONS = {
    ("/api/v3/site/", "portal_site"),
    ("/api/v3/site/locales/", "portal_locales"),
    ("/api/v3/resolve/", "portal_resolve"),
    ("/api/v3/content/pages/{page_id}/", "portal_page_detail"),
    ("/api/v3/content/pages/{page_id}/breadcrumbs/", "portal_page_breadcrumbs"),
    ("/api/v3/content/pages/{page_id}/translations/", "portal_page_translations"),
    ("/api/v3/navigation/", "portal_navigation"),
    ("/api/v3/vocabularies/", "portal_vocabularies"),
    ("/api/v3/vocabularies/{name}/", "portal_vocabulary"),
    ("/api/v3/search/", "portal_search"),
    ("/api/v3/images/{image_id}/renditions/", "portal_image_renditions"),
}


@pytest.fixture
def openapi(client):
    return client.get("/api/v3/openapi.json").json()


def test_every_read_endpoint_is_documented_with_a_summary(openapi):
    listed = {
        (path, operation["operationId"]): operation
        for path, methods in openapi["paths"].items()
        for operation in methods.values()
    }
    assert set(listed) >= READ_OPERATIONS
    for key in READ_OPERATIONS:
        assert listed[key]["summary"], key
        assert "200" in listed[key]["responses"], key


def test_wagtails_own_endpoints_stay_in_the_same_document(openapi):
    paths = openapi["paths"]
    assert {"/api/v3/pages/", "/api/v3/images/", "/api/v3/documents/"} <= set(paths)
    assert "/api/v3/contact/route/" in paths


def test_problems_are_documented(openapi):
    detail = openapi["paths"]["/api/v3/content/pages/{page_id}/"]["get"]
    assert {"200", "400", "404"} <= set(detail["responses"])
    problem = detail["responses"]["404"]["content"]["application/json"]["schema"]
    assert problem["$ref"].endswith("/ProblemDetail")
    resolve = openapi["paths"]["/api/v3/resolve/"]["get"]["responses"]
    assert {"301", "302", "404"} <= set(resolve)


def test_page_detail_is_typed_per_page_type(openapi):
    schemas = openapi["components"]["schemas"]
    assert {
        "ServicePageContentSchema",
        "ArticlePageContentSchema",
        "HomePageContentSchema",
    } <= set(schemas)
    service = schemas["ServicePageContentSchema"]["properties"]
    assert {"summary", "body", "measures", "target_groups", "meta"} <= set(service)
    detail = openapi["paths"]["/api/v3/content/pages/{page_id}/"]["get"]
    ok = detail["responses"]["200"]["content"]["application/json"]["schema"]
    members = {ref["$ref"].rsplit("/", 1)[1] for ref in ok["oneOf"]}
    assert len(members) == 11 and "ContactFormPageContentSchema" in members


def test_no_two_schemas_share_a_component_name(monkeypatch):
    """Components are keyed by class name: a portal schema named like one of
    Wagtail's (``ServicePageSchema``, ``SiteSchema``) documented Wagtail's own
    operations with the portal's shape, or the other way round."""
    shadowed = []
    add = OpenAPISchema.add_schema_definitions

    def checked(self, definitions):
        shadowed.extend(
            name
            for name, definition in definitions.items()
            if self.schemas.get(name, definition) != definition
        )
        add(self, definitions)

    monkeypatch.setattr(OpenAPISchema, "add_schema_definitions", checked)
    api.get_openapi_schema()
    assert shadowed == []


def test_every_page_type_has_a_content_schema():
    """Each app registers its page types' schemas in its own ``api.py``; a page
    type added without one would answer 404 in the API."""
    page_types = {model for model in get_page_models() if model is not Page}
    assert set(PAGE_SCHEMAS) == page_types
    assert PAGE_SCHEMAS[ServicePage].__module__ == "contact.api"
    assert "contact_url" in PAGE_SCHEMAS[ServicePage].model_fields


def test_a_registered_schema_is_only_replaced_by_an_extension():
    class Unrelated(PortalPageSchema):
        pass

    with pytest.raises(ImproperlyConfigured):
        register(ServicePage)(Unrelated)
    # The served schema is the registered one with `meta.type` made a constant.
    assert PAGE_SCHEMAS[ServicePage].__bases__ == (page_schemas()[ServicePage],)


def test_the_document_is_valid_openapi(openapi):
    """``AllowAnonymous`` was an HTTP scheme without ``scheme``: an invalid document
    that validators and client generators refuse."""
    from openapi_spec_validator import validate

    validate(openapi)
    assert "AllowAnonymous" not in openapi["components"]["securitySchemes"]
    listing = openapi["paths"]["/api/v3/pages/"]["get"]
    assert listing["security"] == [{"BearerTokenAuth": []}, {}]


def test_request_bodies_are_plain_references(openapi):
    """A body with a default was an ``allOf`` with that default: openapi-python-client
    skipped those operations (approve, reject, copy, unpublish, create_alias)."""
    for path, methods in openapi["paths"].items():
        for operation in methods.values():
            for media in operation.get("requestBody", {}).get("content", {}).values():
                schema = media["schema"]
                assert "allOf" not in schema, (path, schema)
                assert "$ref" in schema or "type" in schema or "oneOf" in schema
    unpublish = openapi["paths"]["/api/v3/pages/{page_id}/actions/unpublish/"]
    body = unpublish["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/PageUnpublishSchema"}


def test_a_client_is_generated_for_every_operation(openapi, tmp_path):
    """openapi-python-client generates a function for every operation, and warns
    about none."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    document = tmp_path / "openapi.json"
    document.write_text(json.dumps(openapi))
    cli = Path(sys.executable).with_name("openapi-python-client")
    run = subprocess.run(
        [cli, "generate", "--path", document, "--output-path", tmp_path / "client"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Warning" not in run.stdout, run.stdout
    generated = {
        module.stem
        for module in (tmp_path / "client").rglob("api/*/*.py")
        if module.stem != "__init__"
    }
    expected = {
        operation["operationId"]
        for methods in openapi["paths"].values()
        for operation in methods.values()
    }
    assert expected <= generated, sorted(expected - generated)


@pytest.mark.parametrize("language", ["nl", "en", None])
def test_the_document_is_the_same_in_every_language(client, language):
    """Help texts of fields came in the caller's language (Dutch, or mixed)."""
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    text = client.get("/api/v3/openapi.json", **headers).content.decode()
    reference = client.get("/api/v3/openapi.json", HTTP_ACCEPT_LANGUAGE="en").content
    assert text == reference.decode()
    assert "The date readers see" in text
    assert "De datum die lezers zien" not in text


def test_the_headless_examples_copy_of_the_document_is_current(client):
    """examples/headless/ is type-checked (``tsc --noEmit`` in ``make test``) against
    types generated from its copy of the document: a change of the contract fails
    here until the copy is refreshed, and there when it breaks the front end."""
    from pathlib import Path

    copy = Path(__file__).resolve().parent.parent / "examples/headless/openapi.json"
    served = client.get("/api/v3/openapi.json").json()
    assert json.loads(copy.read_text()) == served, (
        "Run: manage.py openapi_document examples/headless/openapi.json"
    )


def test_pages_are_typed_by_meta_type(openapi):
    schemas = openapi["components"]["schemas"]
    detail = openapi["paths"]["/api/v3/content/pages/{page_id}/"]["get"]
    ok = detail["responses"]["200"]["content"]["application/json"]["schema"]
    mapping = ok["x-discriminator"]["mapping"]
    assert ok["x-discriminator"]["propertyPath"] == "meta.type"
    assert mapping["services.ServicePage"] == (
        "#/components/schemas/ServicePageContentSchema"
    )
    assert {member["$ref"] for member in ok["oneOf"]} == set(mapping.values())
    for label, ref in mapping.items():
        meta = schemas[ref.rsplit("/", 1)[1]]["properties"]["meta"]["$ref"]
        page_type = schemas[meta.rsplit("/", 1)[1]]["properties"]["type"]
        assert page_type["const"] == label


def test_every_streamfield_block_is_typed(openapi):
    """``body`` was an array of ``{type, id, value: any}``."""
    schemas = openapi["components"]["schemas"]
    body = schemas["ArticlePageContentSchema"]["properties"]["body"]["items"]
    assert body["discriminator"]["propertyName"] == "type"
    assert set(body["discriminator"]["mapping"]) == {
        "heading",
        "paragraph",
        "quote",
        "callout",
        "link_list",
        "key_figures",
        "image",
        "embed",
    }
    heading = schemas["BodyHeadingBlock"]["properties"]
    assert heading["type"]["const"] == "heading"
    value = schemas[heading["value"]["$ref"].rsplit("/", 1)[1]]["properties"]
    assert value["level"]["enum"] == ["h2", "h3"]
    links = schemas["LinkListBlockValue"]["properties"]["links"]["items"]["$ref"]
    assert links.endswith("/LinkBlockValue")
    image = schemas["BodyImageBlock"]["properties"]["value"]["anyOf"][0]["$ref"]
    assert image.endswith("/ImageDataSchema")
    quotes = schemas["MeasurePageContentSchema"]["properties"]["quotes"]["items"]
    assert set(quotes["discriminator"]["mapping"]) == {"quote"}
    social = schemas["FooterSchema"]["properties"]["social_links"]["items"]
    assert set(social["discriminator"]["mapping"]) == {"link"}
    # Every schema of the read side; Wagtail's own write schemas
    # (``…PageSchema``, ``…CreateSchema``, ``…PatchSchema``) are Wagtail's.
    read_side = [
        name
        for name in schemas
        if name.endswith(("ContentSchema", "Block", "Value"))
        or name in {"FooterSchema", "SiteBootstrapSchema"}
    ]
    assert len(read_side) > 25
    for name in read_side:
        for field, definition in schemas[name].get("properties", {}).items():
            untyped = (
                definition.get("type") == "array" and definition.get("items") == {}
            )
            assert not untyped, (name, field)


def readme_anonymous_reads():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    table = readme.split("<!-- anonymous-reads -->")[1].split("<!-- /anonymous")[0]
    return {line.split("`")[1] for line in table.splitlines() if line.startswith("| `")}


def test_the_readme_lists_exactly_the_anonymous_reads(openapi):
    """The README said ``/pages/`` needs a token (it answers anonymously) and did
    not mention ``/redirects/``, which lists every redirect anonymously."""
    anonymous = {
        path
        for path, methods in openapi["paths"].items()
        if "get" in methods and {} in methods["get"].get("security", [{}])
    }
    assert readme_anonymous_reads() == anonymous


def test_the_anonymous_lists_answer_without_a_token(client, demo_site):
    from wagtail.contrib.redirects.models import Redirect

    Redirect.add_redirect("/oud-adres", redirect_to="/nl/diensten/")
    pages = client.get("/api/v3/pages/").json()
    assert pages["count"] > 0 and pages["items"][0]["meta"]["type"]
    redirects = client.get("/api/v3/redirects/").json()
    assert "/oud-adres" in {item["old_path"] for item in redirects["items"]}
    assert client.get("/api/v3/pages/1/revisions/").status_code == 401


def test_the_command_writes_the_document_the_api_serves(client, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    written = tmp_path / "openapi.json"
    call_command("openapi_document", str(written))
    served = client.get("/api/v3/openapi.json").json()
    assert json.loads(written.read_text()) == served
    printed = StringIO()
    call_command("openapi_document", stdout=printed)
    assert printed.getvalue() == written.read_text()
