"""Every way a page can go live, tried by a Redactie member: none of them publishes.

Where a path can publish at all, the same request by an Eindredactie member shows
that it does (so the refusal is the permission's doing, not a broken request).
The paths: the page editor, bulk actions, the translation editor, "Sync translated
pages" (update with publish), submitting translations, copying (and aliasing) with
publish, reverting with publish, scheduled go-live, locale synchronisation, API v3
(publish, update/create with publish, copy, alias, revert) and moderation approval.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import resolve, reverse
from django.utils import timezone
from wagtail.models import Locale, Page, PageLogEntry, WorkflowState
from wagtail_localize.models import (
    LocaleSynchronization,
    TranslationSource,
)
from wagtail_localize.synctree import create_aliases_for_new_page

from localization import review
from services.factories import ServicePageFactory
from services.models import ServiceIndexPage, ServicePage

from .editorial_helpers import call, service_edit_data, translation_of
from .editorial_helpers import editor as make_editor
from .editorial_helpers import moderator as make_moderator

pytestmark = pytest.mark.django_db

ROLES = [("editor", False), ("moderator", True)]
NEW_DUTCH_SUMMARY = "Een nieuwe zin die nog niet vertaald is."


@pytest.fixture
def users():
    return {"editor": make_editor(), "moderator": make_moderator()}


@pytest.fixture
def service(demo_site):
    return ServicePage.objects.get(slug="toekomstcoach", locale__language_code="nl")


@pytest.fixture
def english():
    return Locale.objects.get(language_code="en")


@pytest.fixture
def english_service(service, english):
    return service.get_translation(english)


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """wagtail-localize publishes once the transaction commits; tests never commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def public_html(client, path):
    response = client.get(path)
    return response.status_code, response.content.decode()


def public_title(client, path):
    status, html = public_html(client, path)
    assert status == 200, path
    return BeautifulSoup(html, "html.parser").select_one("main h1").get_text(strip=True)


def published_by(user):
    return PageLogEntry.objects.filter(
        action__startswith="wagtail.publish", user=user
    ).exists()


def admin_datetime(delta):
    """A moment from now as the admin's date-time field takes it (local time)."""
    return timezone.localtime(timezone.now() + delta).strftime("%Y-%m-%d %H:%M")


def translate_summary(translation, text, user=None):
    po = translation.export_po()
    next(entry for entry in po if entry.msgctxt == "summary").msgstr = text
    translation.import_po(po, user=user)


def change_dutch_summary(service):
    service.summary = NEW_DUTCH_SUMMARY
    service.save_revision().publish()


# The page editor


@pytest.mark.parametrize("role, publishes", ROLES)
def test_page_editor_publish(client, users, service, role, publishes):
    client.force_login(users[role])
    client.post(
        reverse("wagtailadmin_pages:edit", args=[service.pk]),
        service_edit_data(
            service, title="Toekomstcoach NIEUW", **{"action-publish": "1"}
        ),
    )
    expected = "Toekomstcoach NIEUW" if publishes else "Toekomstcoach"
    assert public_title(client, "/nl/diensten/toekomstcoach/") == expected
    assert published_by(users[role]) == publishes


# Bulk actions


@pytest.mark.parametrize("role, publishes", ROLES)
def test_bulk_publish(client, users, service, role, publishes):
    service.title = "Toekomstcoach concept"
    service.save_revision(user=users["editor"])
    client.force_login(users[role])
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    client.post(f"{url}?id={service.pk}", {})
    expected = "Toekomstcoach concept" if publishes else "Toekomstcoach"
    assert public_title(client, "/nl/diensten/toekomstcoach/") == expected
    assert published_by(users[role]) == publishes


# The translation editor's "Publish in English"


@pytest.mark.parametrize("role, publishes", ROLES)
def test_translation_editor_publish(
    client, users, english_service, english, service, on_commit, role, publishes
):
    translate_summary(translation_of(service, english), "A summary nobody approved.")
    client.force_login(users[role])
    with on_commit():
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[english_service.pk]),
            {"action": "publish"},
        )
    assert response.status_code == 302
    _status, html = public_html(client, "/en/services/future-coach/")
    assert ("A summary nobody approved." in html) == publishes
    assert not published_by(users["editor"])


# "Sync translated pages" (wagtail-localize's update view) with "Publish immediately"


def test_the_portal_serves_the_update_and_convert_views():
    """The portal's views answer wagtail-localize's addresses (registered first)."""
    update = resolve(reverse("wagtail_localize:update_translations", args=[1]))
    assert update.func.view_class is review.ReviewedUpdateTranslationsView
    convert = resolve(reverse("wagtail_localize:convert_to_alias", args=[1]))
    assert convert.func.__module__ == review.__name__


@pytest.mark.parametrize("role, publishes", ROLES)
def test_update_translations_with_publish(
    client, users, service, english_service, on_commit, role, publishes
):
    change_dutch_summary(service)
    source = TranslationSource.objects.get_for_instance(service)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    client.force_login(users[role])
    with on_commit():
        response = client.post(url, {"publish_translations": "on"})
    assert response.status_code == 302
    _status, html = public_html(client, "/en/services/future-coach/")
    assert (NEW_DUTCH_SUMMARY in html) == publishes
    assert not published_by(users["editor"])
    english_service.refresh_from_db()
    assert english_service.live
    form = BeautifulSoup(client.get(url).content, "html.parser")
    assert bool(form.select_one('input[name="publish_translations"]')) == publishes


def test_update_translations_sends_an_editors_drafts_for_review(
    client, users, service, english_service
):
    change_dutch_summary(service)
    source = TranslationSource.objects.get_for_instance(service)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    client.force_login(users["editor"])
    form = BeautifulSoup(client.get(url).content, "html.parser")
    assert form.select_one('input[name="submit_for_review"]')

    response = client.post(url, {"submit_for_review": "on"})
    assert response.status_code == 302
    english_service.refresh_from_db()
    state = english_service.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.revision.content["summary"] == NEW_DUTCH_SUMMARY
    assert english_service.live and english_service.summary != NEW_DUTCH_SUMMARY
    _status, html = public_html(client, "/en/services/future-coach/")
    assert NEW_DUTCH_SUMMARY not in html


# "Translate this page" (wagtail-localize's submit translations view)


def test_submit_translations_never_publishes(client, users, demo_site, english):
    dutch = ServicePageFactory(
        parent=ServiceIndexPage.objects.get(locale__language_code="nl"),
        title="Huiswerkbegeleiding",
        slug="huiswerkbegeleiding",
        summary="Hulp bij het huiswerk.",
    )
    create_aliases_for_new_page(dutch)
    assert dutch.live and dutch.get_translation(english).live

    client.force_login(users["editor"])
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[dutch.pk]),
        {"locales": [english.pk]},
    )
    assert response.status_code == 302
    translated = dutch.get_translation(english)
    assert translated.alias_of_id is None and not translated.live
    assert client.get("/en/services/huiswerkbegeleiding/").status_code == 404
    assert not published_by(users["editor"])


# Copying with "publish copies" and as an alias, in the admin and through API v3


@pytest.mark.parametrize("role, publishes", ROLES)
def test_copy_with_publish(client, users, service, role, publishes):
    client.force_login(users[role])
    client.post(
        reverse("wagtailadmin_pages:copy", args=[service.pk]),
        {
            "new_title": "Toekomstcoach kopie",
            "new_slug": "toekomstcoach-kopie",
            "new_parent_page": service.get_parent().pk,
            "publish_copies": "on",
        },
    )
    copy = ServicePage.objects.filter(slug="toekomstcoach-kopie").first()
    if publishes:
        assert copy.live
    else:
        assert copy is None or not copy.live
    status, _html = public_html(client, "/nl/diensten/toekomstcoach-kopie/")
    assert (status == 200) == publishes


def test_copy_as_alias_needs_publish_permission(client, users, service):
    client.force_login(users["editor"])
    client.post(
        reverse("wagtailadmin_pages:copy", args=[service.pk]),
        {
            "new_title": "Toekomstcoach alias",
            "new_slug": "toekomstcoach-alias",
            "new_parent_page": service.get_parent().pk,
            "alias": "on",
        },
    )
    assert not Page.objects.filter(slug="toekomstcoach-alias", live=True).exists()


@pytest.mark.parametrize("role, publishes", ROLES)
def test_api_copy_keep_live(client, users, service, role, publishes):
    response = call(
        client,
        "post",
        f"/api/v3/pages/{service.pk}/actions/copy/",
        users[role],
        {"keep_live": True, "slug": "toekomstcoach-api"},
    )
    assert response.status_code == (201 if publishes else 403), response.content
    status, _html = public_html(client, "/nl/diensten/toekomstcoach-api/")
    assert (status == 200) == publishes


def test_api_create_alias_is_refused(client, users, service):
    response = call(
        client,
        "post",
        f"/api/v3/pages/{service.pk}/actions/create_alias/",
        users["editor"],
        {"slug": "toekomstcoach-alias"},
    )
    assert response.status_code == 403
    assert not Page.objects.filter(slug="toekomstcoach-alias").exists()


def test_api_copy_for_translation_is_refused(client, users, service, english):
    """API v3's copy for translation (an alias of a live page would be live) needs
    ``simple_translation``'s permission, which this portal does not install."""
    dutch = ServicePageFactory(
        parent=service.get_parent(), title="Zonder vertaling", slug="zonder-vertaling"
    )
    for alias in (True, False):
        response = call(
            client,
            "post",
            f"/api/v3/pages/{dutch.pk}/actions/copy_for_translation/",
            users["editor"],
            {"locale": "en", "alias": alias},
        )
        assert response.status_code == 403, response.content
    assert not ServicePage.objects.filter(
        translation_key=dutch.translation_key, locale=english
    ).exists()


# Reverting to an earlier revision with publish


@pytest.fixture
def republished(service, users):
    """The service as published twice: the earlier revision is the one to revert to."""
    first = service.live_revision
    service.title = "Toekomstcoach 2"
    service.save_revision(user=users["moderator"]).publish(user=users["moderator"])
    return first


@pytest.mark.parametrize("role, publishes", ROLES)
def test_revert_with_publish(client, users, service, republished, role, publishes):
    client.force_login(users[role])
    client.post(
        reverse(
            "wagtailadmin_pages:revisions_revert", args=[service.pk, republished.pk]
        ),
        service_edit_data(service, title="Toekomstcoach", **{"action-publish": "1"}),
    )
    expected = "Toekomstcoach" if publishes else "Toekomstcoach 2"
    assert public_title(client, "/nl/diensten/toekomstcoach/") == expected


def test_api_revert_makes_a_draft_only(client, users, service, republished):
    response = call(
        client,
        "post",
        f"/api/v3/pages/{service.pk}/actions/revert/",
        users["editor"],
        {"revision_id": republished.pk},
    )
    assert response.status_code == 200, response.content
    service.refresh_from_db()
    assert service.get_latest_revision().content["title"] == "Toekomstcoach"
    assert public_title(client, "/nl/diensten/toekomstcoach/") == "Toekomstcoach 2"


# Scheduled go-live


def test_an_editors_go_live_date_is_not_carried_out(client, users, service):
    """Only publishing schedules a revision (``approved_go_live_at``); an editor's
    "Go live at" is part of a draft that waits for review like any other change."""
    past = admin_datetime(-datetime.timedelta(hours=1))
    client.force_login(users["editor"])
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[service.pk]),
        service_edit_data(service, title="Toekomstcoach gepland", go_live_at=past),
    )
    assert response.status_code == 302
    service.refresh_from_db()
    draft = service.get_latest_revision()
    assert draft.content["title"] == "Toekomstcoach gepland"
    assert draft.content["go_live_at"] is not None
    assert draft.approved_go_live_at is None

    call_command("publish_scheduled")
    assert public_title(client, "/nl/diensten/toekomstcoach/") == "Toekomstcoach"


def test_a_moderators_scheduled_publish_is_carried_out(client, users, service):
    future = admin_datetime(datetime.timedelta(hours=1))
    client.force_login(users["moderator"])
    client.post(
        reverse("wagtailadmin_pages:edit", args=[service.pk]),
        service_edit_data(
            service,
            title="Toekomstcoach gepland",
            go_live_at=future,
            **{"action-publish": "1"},
        ),
    )
    service.refresh_from_db()
    scheduled = service.get_latest_revision()
    assert scheduled.approved_go_live_at is not None
    assert public_title(client, "/nl/diensten/toekomstcoach/") == "Toekomstcoach"
    # The hour passes.
    moment = timezone.now() - datetime.timedelta(minutes=1)
    scheduled.approved_go_live_at = moment
    scheduled.content["go_live_at"] = moment.isoformat()
    scheduled.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled")
    assert public_title(client, "/nl/diensten/toekomstcoach/") == (
        "Toekomstcoach gepland"
    )


# Locale synchronisation


def test_an_editor_cannot_add_or_synchronise_a_locale(client, users, demo_site):
    client.force_login(users["editor"])
    response = client.post(
        reverse("wagtaillocales:add"),
        {
            "language_code": "de",
            "component-wagtail_localize_localesynchronization-enabled": "on",
            "component-wagtail_localize_localesynchronization-sync_from": (
                Locale.get_default().pk
            ),
        },
    )
    assert response.status_code in (302, 403)
    assert not Locale.objects.filter(language_code="de").exists()


def test_synchronisation_carries_only_approved_content(client, users, service):
    """``sync_locale_trees`` (cron) gives a new locale aliases of the live pages:
    an editor's draft neither reaches them nor makes an unpublished page live."""
    service.title = "Toekomstcoach concept"
    service.save_revision(user=users["editor"])
    unpublished = ServicePageFactory(
        parent=service.get_parent(), title="Nog niet gepubliceerd", slug="concept"
    )
    unpublished.unpublish()
    german = Locale.objects.create(language_code="de")
    LocaleSynchronization.objects.create(locale=german, sync_from=Locale.get_default())

    call_command("sync_locale_trees")

    german_service = service.get_translation(german)
    assert german_service.live and german_service.title == "Toekomstcoach"
    assert not unpublished.get_translation(german).live


# API v3


@pytest.mark.parametrize(
    "method, path, body",
    [
        ("post", "actions/publish/", None),
        (
            "patch",
            "",
            {"meta": {"type": "services.ServicePage", "action": "publish"}},
        ),
    ],
    ids=["publish-action", "update-with-publish"],
)
def test_api_publish_is_refused(client, users, service, method, path, body):
    call(
        client,
        "patch",
        f"/api/v3/pages/{service.pk}/",
        users["editor"],
        {"meta": {"type": "services.ServicePage"}, "title": "Toekomstcoach API"},
    )
    payload = body and {**body, "title": "Toekomstcoach API"}
    response = call(
        client, method, f"/api/v3/pages/{service.pk}/{path}", users["editor"], payload
    )
    assert response.status_code == 403, response.content
    assert public_title(client, "/nl/diensten/toekomstcoach/") == "Toekomstcoach"
    assert not published_by(users["editor"])


def test_api_create_published_is_refused(client, users, service):
    response = call(
        client,
        "post",
        "/api/v3/pages/",
        users["editor"],
        {
            "meta": {
                "parent_id": service.get_parent().pk,
                "type": "services.ServicePage",
                "action": "publish",
            },
            "title": "Direct live",
            "summary": "Zonder nakijken gepubliceerd.",
        },
    )
    assert response.status_code == 403
    assert not ServicePage.objects.filter(title="Direct live").exists()


# Moderation approval


@pytest.fixture
def submitted(service, users):
    service.title = "Toekomstcoach ingediend"
    service.save_revision(user=users["editor"])
    return service.get_workflow().start(service, users["editor"])


def test_an_editor_cannot_approve_in_the_admin(client, users, service, submitted):
    client.force_login(users["editor"])
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[service.pk, "approve", submitted.current_task_state.pk],
        ),
        {"comment": ""},
    )
    # The admin answers a PermissionDenied with a redirect to its dashboard.
    assert response.status_code == 302 and response["Location"] == reverse(
        "wagtailadmin_home"
    )
    submitted.refresh_from_db()
    assert submitted.status == WorkflowState.STATUS_IN_PROGRESS
    assert public_title(client, "/nl/diensten/toekomstcoach/") == "Toekomstcoach"


def test_an_editor_cannot_approve_through_the_api(client, users, service, submitted):
    response = call(
        client,
        "post",
        f"/api/v3/moderation/pages/{service.pk}/approve/",
        users["editor"],
        {},
    )
    assert response.status_code == 403
    assert public_title(client, "/nl/diensten/toekomstcoach/") == "Toekomstcoach"
    response = call(
        client,
        "post",
        f"/api/v3/moderation/pages/{service.pk}/approve/",
        users["moderator"],
        {},
    )
    assert response.status_code == 200
    assert public_title(client, "/nl/diensten/toekomstcoach/") == (
        "Toekomstcoach ingediend"
    )


# Turning a translation back into an alias of its live source


@pytest.mark.parametrize("role, publishes", ROLES)
def test_convert_to_alias(client, users, english_service, role, publishes):
    english_service.unpublish()
    client.force_login(users[role])
    response = client.post(
        reverse("wagtail_localize:convert_to_alias", args=[english_service.pk])
    )
    assert response.status_code == 302
    english_service.refresh_from_db()
    assert english_service.live == publishes
    assert (english_service.alias_of_id is not None) == publishes


def test_convert_to_alias_cannot_take_a_translation_offline(
    client, users, service, english_service
):
    """An alias mirrors its source's live status: converting the live translation
    of an unpublished source would unpublish it, which needs publish permission."""
    service.unpublish()
    client.force_login(users["editor"])
    client.post(reverse("wagtail_localize:convert_to_alias", args=[english_service.pk]))
    english_service.refresh_from_db()
    assert english_service.live and english_service.alias_of_id is None
    assert public_title(client, "/en/services/future-coach/") == "Future coach"
