"""Type schemas for editing front ends (``@types``): fieldsets, widgets, blocks."""

import pytest

from home.models import HomePage
from services.models import ServiceIndexPage

from .api_helpers import assert_problem
from .editorial_helpers import call, editor

pytestmark = pytest.mark.django_db

TYPES = "/api/v3/editorial/types/"


def fields_of(schema):
    return {f["name"]: f for fs in schema["fieldsets"] for f in fs["fields"]}


def test_the_service_type_in_fieldsets_with_widgets_blocks_and_taxonomy(
    client, demo_site
):
    response = call(
        client,
        "get",
        f"{TYPES}services.ServicePage/",
        editor(),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200, response.content
    schema = response.json()
    assert schema["type"] == "services.ServicePage"
    assert schema["parent_types"] == ["services.ServiceIndexPage"]
    assert schema["child_types"] == []
    assert schema["fieldsets"][0]["fields"][0]["name"] == "title"
    fields = fields_of(schema)
    assert fields["title"]["required"] is True
    assert fields["summary"]["widget"] == "AdminAutoHeightTextInput"
    assert fields["summary"]["help_text"].startswith("What the service does")
    assert fields["summary"]["max_length"] == 500
    assert fields["school_types"]["kind"] == "taxonomy"
    assert fields["school_types"]["widget"] == "CheckboxSelectMultiple"
    assert fields["school_types"]["vocabulary_url"] == (
        "/api/v3/vocabularies/school-types/"
    )
    measures = fields["measure_links"]
    assert measures["kind"] == "relation"
    assert measures["fields"][0]["name"] == "measure"
    assert measures["fields"][0]["vocabulary_url"] == "/api/v3/vocabularies/measures/"
    body = fields["body"]
    assert body["kind"] == "stream"
    assert {block["name"] for block in body["blocks"]} >= {"paragraph"}
    assert "promote" in {fs["id"] for fs in schema["fieldsets"]}


def test_a_measure_lists_its_sector_choices(client, demo_site):
    schema = call(client, "get", f"{TYPES}services.MeasurePage/", editor()).json()
    sector = fields_of(schema)["sector"]
    assert [value for value, _label in sector["choices"]] == ["funderend", "mbo-ho"]


def test_the_types_an_editor_may_add_under_a_parent(client, demo_site):
    user = editor()
    index = ServiceIndexPage.objects.get(locale__language_code="nl")
    under_index = call(client, "get", f"{TYPES}?parent_id={index.pk}", user).json()
    assert [t["type"] for t in under_index] == ["services.ServicePage"]
    home = HomePage.objects.get(locale__language_code="nl")
    under_home = [
        t["type"]
        for t in call(client, "get", f"{TYPES}?parent_id={home.pk}", user).json()
    ]
    # Singletons that exist already are not offered again.
    assert "services.ServiceIndexPage" not in under_home
    assert "contact.ContactPage" not in under_home


def test_types_need_a_token_with_page_permissions(client, demo_site):
    assert_problem(call(client, "get", TYPES), 401)
    assert_problem(call(client, "get", f"{TYPES}nope.Nothing/", editor()), 404)
