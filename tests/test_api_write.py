"""Wagtail's API v3 write endpoints with the portal's groups and moderation workflow.

The Redactie writes drafts and cannot publish; the Eindredactie publishes; the
permissions are Wagtail's page permissions of the token's user.
"""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageLogEntry

from home.models import HomePage
from offices.models import RegionalOfficePage
from services.models import (
    MeasurePage,
    SchoolType,
    ServiceIndexPage,
    ServicePage,
    TargetGroup,
    Theme,
)

from .contact_helpers import make_user, team_member
from .editorial_helpers import call, editor, moderator

pytestmark = pytest.mark.django_db

PAGES = "/api/v3/pages/"
SERVICE = "services.ServicePage"


@pytest.fixture
def service(demo_site):
    return ServicePage.objects.get(slug="toekomstcoach")


def public_title(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True)


def draft(client, user, page, **changes):
    headers = {k: changes.pop(k) for k in list(changes) if k.startswith("HTTP_")}
    return call(
        client,
        "patch",
        f"{PAGES}{page.pk}/",
        user,
        {"meta": {"type": SERVICE}, **changes},
        **headers,
    )


def publish(client, user, page):
    return call(client, "post", f"{PAGES}{page.pk}/actions/publish/", user)


def create(client, user, meta=None, **fields):
    """POSTs a new service under the Dutch services index (``meta`` adds to its
    parent and type)."""
    index = ServiceIndexPage.objects.get(locale__language_code="nl")
    return call(
        client,
        "post",
        PAGES,
        user,
        {"meta": {"parent_id": index.pk, "type": SERVICE, **(meta or {})}, **fields},
    )


def assert_problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    return body


def test_editor_creates_a_draft_service_page(client, demo_site):
    user = editor()
    response = create(
        client, user, title="Huiswerkklas", summary="Begeleiding bij het huiswerk."
    )
    assert response.status_code == 201, response.content
    assert response.json()["title"] == "Huiswerkklas"
    page = ServicePage.objects.get(pk=response.json()["id"])
    index = ServiceIndexPage.objects.get(locale__language_code="nl")
    assert page.get_parent().pk == index.pk
    assert page.slug == "huiswerkklas"
    assert not page.live and page.live_revision is None
    assert page.owner == user and page.get_latest_revision().user == user
    assert client.get("/nl/diensten/huiswerkklas/").status_code == 404


def test_editor_saves_a_draft_of_a_live_page(client, service):
    response = draft(client, editor(), service, title="Toekomstcoach 2.0")
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Toekomstcoach 2.0"
    service.refresh_from_db()
    assert service.live and service.has_unpublished_changes
    assert service.get_latest_revision().content["title"] == "Toekomstcoach 2.0"
    assert public_title(client, service) == "Toekomstcoach"


def test_editor_is_refused_wagtails_publish_action(client, service):
    user = editor()
    draft(client, user, service, title="Toekomstcoach 2.0")
    body = assert_problem(publish(client, user, service), 403)
    assert body["title"] == "Forbidden"
    service.refresh_from_db()
    assert service.title == "Toekomstcoach" and service.has_unpublished_changes
    assert not PageLogEntry.objects.filter(
        page=service, action="wagtail.publish", user=user
    ).exists()
    assert public_title(client, service) == "Toekomstcoach"


def test_editor_is_refused_publishing_through_update(client, service):
    revisions = service.revisions.count()
    response = draft(
        client,
        editor(),
        service,
        meta={"type": SERVICE, "action": "publish"},
        title="Toekomstcoach 2.0",
    )
    body = assert_problem(response, 403)
    assert body["detail"] == "You do not have permission to publish this page."
    service.refresh_from_db()
    assert service.title == "Toekomstcoach"
    assert service.revisions.count() == revisions, "refused before anything is saved"


def test_editor_is_refused_creating_a_published_page(client, demo_site):
    response = create(
        client,
        editor(),
        {"action": "publish"},
        title="Huiswerkklas",
        summary="Begeleiding bij het huiswerk.",
    )
    assert_problem(response, 403)
    assert not ServicePage.objects.filter(slug="huiswerkklas").exists()


def test_editor_cannot_unpublish_or_delete_a_live_page(client, service):
    user = editor()
    unpublish = call(
        client, "post", f"{PAGES}{service.pk}/actions/unpublish/", user, {}
    )
    assert_problem(unpublish, 403)
    assert_problem(call(client, "delete", f"{PAGES}{service.pk}/", user), 403)
    service.refresh_from_db()
    assert service.live
    assert public_title(client, service) == "Toekomstcoach"


def test_moderator_publishes_the_editors_draft(client, service):
    author, publisher = editor(), moderator()
    draft(client, author, service, title="Toekomstcoach 2.0")
    response = publish(client, publisher, service)
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Toekomstcoach 2.0"
    service.refresh_from_db()
    assert service.live and not service.has_unpublished_changes
    assert service.live_revision.user == author
    assert PageLogEntry.objects.filter(
        page=service, action="wagtail.publish", user=publisher
    ).exists()
    assert public_title(client, service) == "Toekomstcoach 2.0"


def test_moderator_publishes_through_update(client, service):
    response = draft(
        client,
        moderator(),
        service,
        meta={"type": SERVICE, "action": "publish"},
        title="Toekomstcoach 2.0",
    )
    assert response.status_code == 200, response.content
    assert public_title(client, service) == "Toekomstcoach 2.0"


def test_anonymous_writes_are_refused(client, service):
    assert_problem(create(client, None, title="X"), 401)
    assert_problem(draft(client, None, service, title="X"), 401)
    assert_problem(publish(client, None, service), 401)
    wrong_token = call(
        client,
        "post",
        f"{PAGES}{service.pk}/actions/publish/",
        HTTP_AUTHORIZATION="Bearer not-a-token",
    )
    assert_problem(wrong_token, 401)
    service.refresh_from_db()
    assert service.title == "Toekomstcoach" and not service.has_unpublished_changes
    assert not ServicePage.objects.filter(title="X").exists()


def test_a_session_is_not_enough_to_write(client, service):
    """v3 authenticates by token only: a logged-in admin session cannot write."""
    client.force_login(moderator())
    assert_problem(publish(client, None, service), 401)
    assert_problem(draft(client, None, service, title="X"), 401)


def test_an_office_team_edits_its_own_office_page_only(client, service):
    office = RegionalOfficePage.objects.get(
        slug="mee-groningen", locale__language_code="nl"
    )
    member = team_member(office, "groningen")
    response = call(
        client,
        "patch",
        f"{PAGES}{office.pk}/",
        member,
        {"meta": {"type": "offices.RegionalOfficePage"}, "title": "MEE Groningen 2"},
    )
    assert response.status_code == 200, response.content
    office.refresh_from_db()
    assert office.get_latest_revision().content["title"] == "MEE Groningen 2"
    assert_problem(draft(client, member, service, title="Elders"), 403)
    assert_problem(publish(client, member, office), 403)
    service.refresh_from_db()
    assert service.get_latest_revision().content["title"] == "Toekomstcoach"


def test_editor_reverts_a_draft_outside_moderation(client, service):
    user = editor()
    draft(client, user, service, title="Toekomstcoach 2.0")
    response = call(
        client,
        "post",
        f"{PAGES}{service.pk}/actions/revert/",
        user,
        {"revision_id": service.live_revision_id},
    )
    assert response.status_code == 200, response.content
    service.refresh_from_db()
    assert service.get_latest_revision().content["title"] == "Toekomstcoach"


def test_editor_cannot_swap_the_draft_under_review_by_reverting(client, service):
    """Wagtail's revert action ignores the workflow lock; the portal's does not.

    Otherwise an editor could put any earlier, never reviewed revision in place of
    the submitted one, and approving the task would publish it.
    """
    author, reviewer = editor(), moderator()
    draft(client, author, service, title="Toekomstcoach 2.0")
    service.refresh_from_db()
    submitted = service.get_latest_revision()
    assert submitted.content["title"] == "Toekomstcoach 2.0"
    service.get_workflow().start(service, author)
    response = call(
        client,
        "post",
        f"{PAGES}{service.pk}/actions/revert/",
        author,
        {"revision_id": service.live_revision_id},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    body = assert_problem(response, 403)
    assert body["detail"] == "This page is locked, so it cannot be reverted."
    service.refresh_from_db()
    assert service.get_latest_revision() == submitted

    # A reviewer is not locked out, so may still revert.
    response = call(
        client,
        "post",
        f"{PAGES}{service.pk}/actions/revert/",
        reviewer,
        {"revision_id": service.live_revision_id},
    )
    assert response.status_code == 200, response.content
    service.refresh_from_db()
    assert service.get_latest_revision().content["title"] == "Toekomstcoach"


# --- Writes that say what they do -------------------------------------------------


def draft_of(page):
    return type(page).objects.get(pk=page.pk).get_latest_revision_as_object()


def test_taxonomy_and_measures_are_written_by_the_ids_the_read_side_shows(
    client, service
):
    school_type = SchoolType.objects.get(slug="mbo", locale=service.locale)
    group = TargetGroup.objects.filter(locale=service.locale).first()
    theme = Theme.objects.filter(locale=service.locale).first()
    measure = MeasurePage.objects.filter(locale=service.locale).last()
    user = editor()
    response = draft(
        client,
        user,
        service,
        school_types=[school_type.pk],
        target_groups=[group.pk],
        themes=[theme.pk],
        measure_links=[{"measure_id": measure.pk}],
    )
    assert response.status_code == 200, response.content
    assert response.json()["measure_links"][0]["measure"]["id"] == measure.pk
    assert response.json()["school_types"] == [school_type.pk]
    saved = draft_of(service)
    assert [t.slug for t in saved.school_types.all()] == ["mbo"]
    assert list(saved.target_groups.all()) == [group]
    assert list(saved.themes.all()) == [theme]
    assert [link.measure for link in saved.measure_links.all()] == [measure]
    # The public page keeps its labels until the draft is published.
    assert set(service.school_types.values_list("slug", flat=True)) != {"mbo"}

    read = call(client, "get", f"{PAGES}{service.pk}/?version=draft", user)
    assert [term["id"] for term in read.json()["school_types"]] == [school_type.pk]


def test_taxonomy_is_written_by_token_too(client, service):
    user = editor()
    response = draft(client, user, service, school_types=["mbo", "vo"], themes=[])
    assert response.status_code == 200, response.content
    saved = draft_of(service)
    assert sorted(t.slug for t in saved.school_types.all()) == ["mbo", "vo"]
    assert {t.locale.language_code for t in saved.school_types.all()} == {"nl"}
    assert list(saved.themes.all()) == []

    unknown = draft(
        client,
        user,
        service,
        school_types=["mbo", "kleuter"],
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    body = assert_problem(unknown, 422)
    assert body["errors"][0]["loc"] == ["body", "school_types"]
    assert "kleuter" in body["detail"] and "taal" in body["detail"]
    assert sorted(t.slug for t in draft_of(service).school_types.all()) == [
        "mbo",
        "vo",
    ]


def test_a_new_service_takes_its_labels_by_token(client, demo_site):
    response = create(
        client,
        editor(),
        title="Huiswerkklas",
        summary="Begeleiding bij het huiswerk.",
        school_types=["po"],
    )
    assert response.status_code == 201, response.content
    page = ServicePage.objects.get(pk=response.json()["id"])
    assert [t.slug for t in draft_of(page).school_types.all()] == ["po"]


def test_a_label_of_another_language_is_refused(client, service):
    english_label = SchoolType.objects.filter(locale__language_code="en").first()
    before = list(draft_of(service).school_types.all())
    body = assert_problem(
        draft(client, editor(), service, school_types=[english_label.pk]), 422
    )
    assert body["errors"][0]["loc"][-1] == "school_types"
    assert list(draft_of(service).school_types.all()) == before


def test_unknown_and_read_only_fields_are_named_and_nothing_changes(client, service):
    revisions = service.revisions.count()
    user = editor()
    response = draft(
        client,
        user,
        service,
        title="Toekomstcoach 2.0",
        schooltypes=[5],
        id=1,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    body = assert_problem(response, 422)
    assert "id, schooltypes" in body["detail"]
    assert {(e["loc"][-1], e["type"]) for e in body["errors"]} == {
        ("schooltypes", "unknown_field"),
        ("id", "read_only_field"),
    }
    assert service.revisions.count() == revisions

    dutch = draft(client, user, service, bogus=1, HTTP_ACCEPT_LANGUAGE="nl")
    assert "accepteert deze velden niet: bogus" in assert_problem(dutch, 422)["detail"]


def test_unknown_fields_on_create_are_named(client, demo_site):
    response = create(
        client,
        editor(),
        {"colour": "red"},
        title="Huiswerkklas",
        summary="Begeleiding.",
        school_type=["mbo"],
    )
    body = assert_problem(response, 422)
    assert {tuple(e["loc"]) for e in body["errors"]} == {
        ("body", "school_type"),
        ("body", "meta", "colour"),
    }
    assert not ServicePage.objects.filter(title="Huiswerkklas").exists()


def test_a_page_type_its_parent_does_not_take_is_a_422_naming_the_types(
    client, demo_site
):
    admin = make_user("admin", is_superuser=True)
    home = HomePage.objects.get(locale__language_code="nl")
    response = call(
        client,
        "post",
        PAGES,
        admin,
        {
            "meta": {"parent_id": home.pk, "type": SERVICE},
            "title": "Huiswerkklas",
            "summary": "Begeleiding.",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    body = assert_problem(response, 422)
    assert body["allowed_parent_types"] == ["services.ServiceIndexPage"]
    assert "services.ServiceIndexPage" in body["allowed_child_types"]
    assert SERVICE not in body["allowed_child_types"]
    assert "cannot be placed under" in body["detail"]
    assert not ServicePage.objects.filter(title="Huiswerkklas").exists()


def test_a_singleton_beyond_its_max_count_is_a_422(client, demo_site):
    admin = make_user("admin", is_superuser=True)
    home = HomePage.objects.get(locale__language_code="nl")
    single = next(
        model
        for model in HomePage.creatable_subpage_models()
        if model.max_count or model.max_count_per_parent
    )
    response = call(
        client,
        "post",
        PAGES,
        admin,
        {"meta": {"parent_id": home.pk, "type": single._meta.label}, "title": "X"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    body = assert_problem(response, 422)
    assert "No more pages of type" in body["detail"]


def etag_of(client, user, page):
    response = call(client, "get", f"{PAGES}{page.pk}/", user)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    return response["ETag"]


def test_an_editor_reads_the_pages_etag_and_anonymous_callers_do_not(client, service):
    user = editor()
    etag = etag_of(client, user, service)
    assert etag.startswith('"') and etag == etag_of(client, user, service)
    assert "ETag" not in client.get(f"{PAGES}{service.pk}/")
    response = draft(client, user, service, title="Toekomstcoach 2.0")
    assert response["ETag"] != etag
    assert response["ETag"] == etag_of(client, user, service)


def test_a_stale_if_match_is_a_412_on_update(client, service):
    user = editor()
    stale = etag_of(client, user, service)
    assert draft(client, user, service, title="Eerste").status_code == 200
    response = draft(client, user, service, title="Tweede", HTTP_IF_MATCH=stale)
    body = assert_problem(response, 412)
    assert response["ETag"] == etag_of(client, user, service)
    assert draft_of(service).title == "Eerste"
    assert body["detail"]

    fresh = etag_of(client, user, service)
    response = draft(client, user, service, title="Tweede", HTTP_IF_MATCH=fresh)
    assert response.status_code == 200, response.content
    assert draft_of(service).title == "Tweede"


def test_a_stale_if_match_is_a_412_on_publish_and_delete(client, service):
    user = moderator()
    stale = etag_of(client, user, service)
    draft(client, editor(), service, title="Toekomstcoach 2.0")
    refused = call(
        client,
        "post",
        f"{PAGES}{service.pk}/actions/publish/",
        user,
        HTTP_IF_MATCH=stale,
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert "gewijzigd" in assert_problem(refused, 412)["detail"]
    deleted = call(client, "delete", f"{PAGES}{service.pk}/", user, HTTP_IF_MATCH=stale)
    assert_problem(deleted, 412)
    service.refresh_from_db()
    assert service.title == "Toekomstcoach" and service.has_unpublished_changes

    published = call(
        client,
        "post",
        f"{PAGES}{service.pk}/actions/publish/",
        user,
        HTTP_IF_MATCH=etag_of(client, user, service),
    )
    assert published.status_code == 200, published.content
    assert public_title(client, service) == "Toekomstcoach 2.0"


def test_an_editor_cannot_change_the_draft_under_review(client, service):
    author = editor()
    draft(client, author, service, title="Toekomstcoach 2.0")
    service.get_workflow().start(service, author)
    response = draft(client, author, service, title="Ongezien")
    body = assert_problem(response, 423)
    assert body["in_moderation"] is True
    assert draft_of(service).title == "Toekomstcoach 2.0"
