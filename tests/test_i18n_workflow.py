"""Translators' round trips: PO files, source changes, the "Translations" report."""

import polib
import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from localization.status import Status, translation_rows
from services.models import ServicePage, Theme

from .editorial_helpers import editor as make_editor
from .editorial_helpers import moderator as make_moderator
from .editorial_helpers import translation_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(demo_site):
    return ServicePage.objects.get(slug="toekomstcoach", locale__language_code="nl")


@pytest.fixture
def english():
    return Locale.objects.get(language_code="en")


@pytest.fixture
def publish_on_commit(django_capture_on_commit_callbacks):
    """wagtail-localize publishes a saved translation once the transaction commits;
    tests run inside one that never does."""

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture


def report_rows(**filters):
    return [
        (row.language, row.title, row.status)
        for row in translation_rows(filters.get("locale"))
    ]


def test_po_export_edit_import_changes_the_english_page(
    admin_client, client, service, english, publish_on_commit
):
    translation = translation_of(service, english)
    download = admin_client.get(
        reverse("wagtail_localize:download_pofile", args=[translation.pk])
    )
    assert download.status_code == 200
    po = polib.pofile(download.content.decode())
    summary = next(entry for entry in po if entry.msgctxt == "summary")
    assert summary.msgid.startswith("Individuele ondersteuning")
    summary.msgstr = "Personal coaching for young people, revised by a translator."

    upload = admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {
            "file": SimpleUploadedFile(
                "future-coach.po", str(po).encode(), "text/x-gettext-translation"
            )
        },
    )
    assert upload.status_code == 302
    # The translator's "Publish" in the translation editor.
    with publish_on_commit():
        translation.save_target(publish=True)

    html = client.get("/en/services/future-coach/").content.decode()
    assert "Personal coaching for young people, revised by a translator." in html
    dutch = client.get("/nl/diensten/toekomstcoach/").content.decode()
    assert "revised by a translator" not in dutch


def test_a_po_file_of_another_translation_is_refused(
    admin_client, client, service, english, publish_on_commit
):
    translation = translation_of(service, english)
    other = translation_of(ServicePage.objects.get(slug="integrale-vroeghulp"), english)
    po = polib.pofile(
        admin_client.get(
            reverse("wagtail_localize:download_pofile", args=[other.pk])
        ).content.decode()
    )
    for entry in po:
        entry.msgstr = "Wrong page"
    admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("other.po", str(po).encode())},
    )
    with publish_on_commit():
        translation.save_target(publish=True)
    assert "Wrong page" not in client.get("/en/services/future-coach/").content.decode()


def test_the_seeded_site_has_nothing_left_to_translate(demo_site):
    assert report_rows() == []


def test_publishing_the_source_marks_the_translation_out_of_date_until_synced(
    admin_client, service, english, publish_on_commit
):
    service.summary = "Een nieuwe samenvatting van de toekomstcoach."
    service.save_revision().publish()
    assert report_rows() == [("English", "Toekomstcoach", Status.OUTDATED)]

    source = TranslationSource.objects.get_for_instance(service)
    html = BeautifulSoup(
        admin_client.get(reverse("localization_report")).content, "html.parser"
    )
    table = html.select_one("table").get_text(" ", strip=True)
    assert "Toekomstcoach" in table
    assert "Bron gewijzigd sinds de laatste vertaling" in table
    update_url = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert html.select_one(f'table a[href="{update_url}"]')

    # "Sync translated pages" in the admin: the new Dutch text now awaits translation.
    with publish_on_commit():
        response = admin_client.post(update_url, {"publish_translations": "on"})
    assert response.status_code == 302
    assert report_rows() == [("English", "Toekomstcoach", Status.INCOMPLETE)]

    translation = translation_of(service, english)
    po = translation.export_po()
    next(
        entry for entry in po if entry.msgctxt == "summary"
    ).msgstr = "A new summary of the future coach."
    translation.import_po(po)
    with publish_on_commit():
        translation.save_target(publish=True)
    assert report_rows() == []


def test_a_saved_but_unpublished_translation_is_reported(service, english):
    english_page = service.get_translation(english)
    english_page.title = "Future coach (draft)"
    english_page.save_revision()
    assert report_rows() == [("English", "Toekomstcoach", Status.UNPUBLISHED)]


def test_changed_labels_are_reported_until_synced(
    admin_client, demo_site, publish_on_commit
):
    theme = Theme.objects.get(slug="weerbaarheid", locale__language_code="nl")
    theme.name = "Weerbaarheid en zelfvertrouwen"
    theme.save()
    assert report_rows() == [
        ("English", "Weerbaarheid en zelfvertrouwen", Status.OUTDATED)
    ]
    source = TranslationSource.objects.get_for_instance(theme)
    with publish_on_commit():
        admin_client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]),
            {"publish_translations": "on"},
        )
    assert report_rows() == [
        ("English", "Weerbaarheid en zelfvertrouwen", Status.INCOMPLETE)
    ]


def test_report_filters_by_status_and_is_shown_to_editors(client, service):
    service.summary = "Gewijzigd."
    service.save_revision().publish()
    client.force_login(make_editor())
    url = reverse("localization_report")
    outdated = client.get(url, {"status": Status.OUTDATED})
    assert "Toekomstcoach" in outdated.content.decode()
    missing = client.get(url, {"status": Status.MISSING}).content.decode()
    assert "Toekomstcoach" not in missing
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("localization_report") in menu


def test_an_editor_translates_and_the_translation_goes_through_moderation(
    client, demo_site, english
):
    from wagtail_localize.synctree import create_aliases_for_new_page

    from portal.editorial import MODERATORS
    from services.factories import ServicePageFactory
    from services.models import ServiceIndexPage

    dutch = ServicePageFactory(
        parent=ServiceIndexPage.objects.get(locale__language_code="nl"),
        title="Nieuwe dienst",
        slug="nieuwe-dienst",
        summary="Nog niet vertaald.",
    )
    create_aliases_for_new_page(dutch)
    editor, moderator = make_editor(), make_moderator()

    client.force_login(editor)
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[dutch.pk]),
        {"locales": [english.pk]},
    )
    assert response.status_code == 302
    translated = dutch.get_translation(english)
    assert translated.alias_of_id is None
    permissions = translated.permissions_for_user(editor)
    assert permissions.can_edit() and not permissions.can_publish()

    translation = translation_of(dutch, english)
    po = translation.export_po()
    for entry in po:
        entry.msgstr = {"title": "New service", "slug": "new-service"}.get(
            entry.msgctxt, "Not translated yet."
        )
    translation.import_po(po, user=editor)
    translation.save_target(user=editor, publish=False)
    translated.refresh_from_db()
    assert translated.get_latest_revision_as_object().title == "New service"
    assert client.get("/en/services/new-service/").status_code == 404

    workflow_state = translated.get_workflow().start(translated, editor)
    assert workflow_state.current_task_state.task.name.startswith(MODERATORS)
    task = workflow_state.current_task_state.task.specific
    task.on_action(workflow_state.current_task_state, moderator, "approve")
    translated.refresh_from_db()
    assert translated.live and translated.title == "New service"
    assert client.get("/en/services/new-service/").status_code == 200


def test_a_synced_draft_leaves_the_live_translation_alone(
    admin_client, client, service, english, publish_on_commit
):
    before = client.get("/en/services/future-coach/").content.decode()
    assert "Individual support for young people" in before
    service.summary = "Een herschreven samenvatting."
    service.save_revision().publish()
    source = TranslationSource.objects.get_for_instance(service)
    with publish_on_commit():
        response = admin_client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]), {}
        )
    assert response.status_code == 302
    # The translation editor's "Save draft".
    with publish_on_commit():
        translation_of(service, english).save_target(publish=False)
    after = client.get("/en/services/future-coach/").content.decode()
    assert "Individual support for young people" in after
    assert "Een herschreven samenvatting." not in after
    english_page = service.get_translation(english)
    assert english_page.has_unpublished_changes
    assert english_page.get_latest_revision_as_object().summary == (
        "Een herschreven samenvatting."
    )
