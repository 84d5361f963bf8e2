"""The translation editor's review step: a Redactie member submits a translation to
"Eindredactie", an Eindredactie member compares it with the source and approves."""

import json

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import translation as django_translation
from wagtail.models import Locale, WorkflowState
from wagtail_localize.models import Translation, TranslationSource

from services.models import ServicePage

from .contact_helpers import make_user, office
from .editorial_helpers import editor as make_editor
from .editorial_helpers import moderator as make_moderator

pytestmark = pytest.mark.django_db

ENGLISH_SUMMARY = "Reviewed coaching for young people on their way to work."


@pytest.fixture
def service(demo_site):
    return ServicePage.objects.get(slug="toekomstcoach", locale__language_code="nl")


@pytest.fixture
def english_service(service):
    return service.get_translation(Locale.objects.get(language_code="en"))


@pytest.fixture
def translation(service, english_service):
    source = TranslationSource.objects.get_for_instance(service)
    translation = Translation.objects.get(
        source=source, target_locale=english_service.locale
    )
    po = translation.export_po()
    next(entry for entry in po if entry.msgctxt == "summary").msgstr = ENGLISH_SUMMARY
    translation.import_po(po)
    return translation


def editor_page(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def review_bar(html):
    return html.select_one("[data-localization-review]")


def react_props(html):
    return json.loads(html.select_one(".js-translation-editor")["data-props"])


def submit(client, translation, action="submit"):
    return client.post(
        reverse("localization_submit_translation", args=[translation.pk]),
        {"action": action},
    )


def test_an_editor_is_offered_submission_and_no_publishing(
    client, english_service, translation
):
    client.force_login(make_editor())
    html = editor_page(client, english_service)
    bar = review_bar(html)
    buttons = [button.get_text(strip=True) for button in bar.select("button")]
    assert buttons == ["Concept opslaan", "Stuur door naar Eindredactie"]
    props = react_props(html)
    assert props["perms"]["canPublish"] is False
    assert props["links"]["convertToAliasUrl"] is None
    assert not [label for label in buttons if "ubliceer" in label]


def test_a_moderator_keeps_publishing_in_the_editor(
    client, english_service, translation
):
    client.force_login(make_moderator())
    props = react_props(editor_page(client, english_service))
    assert props["perms"]["canPublish"] is True
    assert props["links"]["convertToAliasUrl"]


def test_submitting_writes_the_translation_and_starts_the_workflow(
    client, english_service, translation
):
    author, reviewer = make_editor(), make_moderator()
    client.force_login(author)
    response = submit(client, translation)
    assert response.status_code == 302

    english_service.refresh_from_db()
    state = english_service.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Eindredactie"
    revision = state.current_task_state.revision
    assert revision.user == author
    assert revision.content["summary"] == ENGLISH_SUMMARY
    assert (
        ENGLISH_SUMMARY not in client.get("/en/services/future-coach/").content.decode()
    )

    # The reviewer's dashboard lists it, and the editor shows the task's actions.
    client.force_login(reviewer)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Future coach" in dashboard
    bar = review_bar(editor_page(client, english_service))
    assert "Eindredactie: goedkeuren en publiceren" in bar.get_text(" ")
    links = {a["href"] for a in bar.select("a")}
    source = translation.source.get_source_instance()
    assert reverse("wagtailadmin_pages:edit", args=[source.pk]) in links
    actions = {
        button.get_text(strip=True): button["formaction"]
        for button in bar.select("button[formaction]")
    }
    assert set(actions) == {"Goedkeuren", "Wijzigingsverzoek"}

    response = client.post(
        actions["Goedkeuren"],
        {
            "comment": "",
            "next": reverse("wagtailadmin_pages:edit", args=[english_service.pk]),
        },
    )
    assert response.status_code == 302
    html = client.get("/en/services/future-coach/").content.decode()
    assert ENGLISH_SUMMARY in html


def test_the_page_under_review_cannot_be_changed_by_its_editors(
    client, english_service, translation
):
    client.force_login(make_editor())
    submit(client, translation)
    english_service.refresh_from_db()
    revisions = english_service.revisions.count()
    response = submit(client, translation, action="save")
    assert response.status_code == 302
    english_service.refresh_from_db()
    assert english_service.revisions.count() == revisions
    bar = review_bar(editor_page(client, english_service))
    assert not bar.select("button")
    assert "wacht op beoordeling" in bar.get_text(" ")


def test_a_draft_is_saved_without_review(client, english_service, translation):
    client.force_login(make_editor())
    response = submit(client, translation, action="save")
    assert response.status_code == 302
    english_service.refresh_from_db()
    assert english_service.get_latest_revision().content["summary"] == ENGLISH_SUMMARY
    assert english_service.current_workflow_state is None
    assert (
        ENGLISH_SUMMARY not in client.get("/en/services/future-coach/").content.decode()
    )


def test_the_publish_button_reads_with_a_space_in_dutch(client):
    client.force_login(make_editor())
    with django_translation.override("nl"):
        catalogue = client.get(
            reverse("wagtail_localize:javascript_catalog"), HTTP_ACCEPT_LANGUAGE="nl"
        ).content.decode()
    assert '"Publish in ": "Publiceer in "' in catalogue


def test_changes_requested_then_the_translation_is_submitted_again(
    client, english_service, translation
):
    author, reviewer = make_editor(), make_moderator()
    client.force_login(author)
    submit(client, translation)
    english_service.refresh_from_db()
    task_state = english_service.current_workflow_state.current_task_state
    client.force_login(reviewer)
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[english_service.pk, "reject", task_state.pk],
        ),
        {"comment": "Please shorten the summary."},
    )
    english_service.refresh_from_db()
    state = english_service.current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    client.force_login(author)
    bar = review_bar(editor_page(client, english_service))
    assert "Er zijn wijzigingen gevraagd" in bar.get_text(" ")
    shorter = "Coaching for young people."
    po = translation.export_po()
    next(entry for entry in po if entry.msgctxt == "summary").msgstr = shorter
    translation.import_po(po)
    submit(client, translation)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    english_service.refresh_from_db()
    assert english_service.get_latest_revision().content["summary"] == shorter
    assert shorter not in client.get("/en/services/future-coach/").content.decode()


def test_submitting_needs_the_csrf_token(english_service, translation):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_editor())
    response = submit(client, translation)
    assert response.status_code == 403
    english_service.refresh_from_db()
    assert english_service.current_workflow_state is None


def test_a_user_who_may_not_edit_the_page_cannot_submit(
    client, english_service, translation
):
    office_staff = make_user("groningen", office("mee-groningen").team.group)
    client.force_login(office_staff)
    revisions = english_service.revisions.count()
    submit(client, translation)
    english_service.refresh_from_db()
    assert english_service.revisions.count() == revisions
    assert english_service.current_workflow_state is None
