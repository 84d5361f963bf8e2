"""One group per office, made with the office: its inbox and its own page, no other."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale

from offices.factories import RegionalOfficePageFactory
from offices.models import OfficeTeam, RegionalOfficePage, RegionIndexPage
from offices.teams import ensure_office_team, ensure_office_teams
from tests.contact_helpers import office, team_member

pytestmark = pytest.mark.django_db


def test_every_demo_office_has_its_own_team(demo_site):
    offices = RegionalOfficePage.objects.filter(locale__language_code="nl")
    assert offices.count() == 17
    teams = OfficeTeam.objects.select_related("office", "group")
    assert {team.office_id for team in teams} == set(
        offices.values_list("pk", flat=True)
    )
    assert {team.group.name for team in teams} == {
        f"Kantoor {title}" for title in offices.values_list("title", flat=True)
    }


def test_team_permissions_are_the_inbox_and_the_own_page_only(demo_site):
    groningen = office("mee-groningen")
    group = groningen.team.group
    assert set(
        group.permissions.values_list("content_type__app_label", "codename")
    ) == {
        ("wagtailadmin", "access_admin"),
        ("contact", "view_contactrequest"),
        ("contact", "change_contactrequest"),
    }
    assert list(
        GroupPagePermission.objects.filter(group=group).values_list(
            "page_id", "permission__codename"
        )
    ) == [(groningen.pk, "change_page")]


def test_member_edits_own_office_page_and_no_other(client, demo_site):
    groningen, friesland = office("mee-groningen"), office("mee-friesland")
    member = team_member(groningen, "medewerker")

    own = groningen.permissions_for_user(member)
    assert own.can_edit()
    assert not own.can_publish()
    assert not own.can_delete()
    assert not friesland.permissions_for_user(member).can_edit()
    assert not demo_site.permissions_for_user(member).can_edit()

    client.force_login(member)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[groningen.pk]))
    assert response.status_code == 200
    assert groningen.title in response.content.decode()
    response = client.get(reverse("wagtailadmin_pages:edit", args=[friesland.pk]))
    assert response.status_code in (302, 403)


def test_a_new_office_gets_its_team_once(demo_site):
    region_index = RegionIndexPage.objects.get(locale__language_code="nl")
    new = RegionalOfficePageFactory(parent=region_index, title="MEE Testregio")

    team = OfficeTeam.objects.get(office=new)
    assert team.group.name == "Kantoor MEE Testregio"
    assert ensure_office_team(new) == team
    ensure_office_teams()
    assert Group.objects.filter(name__startswith="Kantoor MEE Testregio").count() == 1
    # Publishing again (a new revision) leaves the team alone.
    new.save_revision().publish()
    assert OfficeTeam.objects.get(office=new) == team


def test_two_offices_with_one_title_get_two_groups(demo_site):
    region_index = RegionIndexPage.objects.get(locale__language_code="nl")
    first = RegionalOfficePageFactory(parent=region_index, title="MEE Dubbel")
    second = RegionalOfficePageFactory(
        parent=region_index, title="MEE Dubbel", slug="mee-dubbel-2"
    )
    assert first.team.group.name == "Kantoor MEE Dubbel"
    assert second.team.group.name == f"Kantoor MEE Dubbel ({second.pk})"


def test_translations_share_the_dutch_team(demo_site):
    english = Locale.objects.get(language_code="en")
    groningen = office("mee-groningen")
    translation = groningen.get_translation(english)
    assert not OfficeTeam.objects.filter(office=translation).exists()
    assert OfficeTeam.objects.filter(office=groningen).count() == 1


def test_backfill_gives_a_team_to_an_office_without_one(demo_site):
    groningen = office("mee-groningen")
    old_group_pk = groningen.team.group_id
    groningen.team.delete()
    # The group existed only for the team and goes with it.
    assert not Group.objects.filter(pk=old_group_pk).exists()

    ensure_office_teams()

    groningen = office("mee-groningen")
    assert groningen.team.group.name == "Kantoor MEE Groningen"
    assert groningen.team.group.page_permissions.get().page_id == groningen.pk


def test_deleting_an_office_removes_its_group(demo_site):
    region_index = RegionIndexPage.objects.get(locale__language_code="nl")
    new = RegionalOfficePageFactory(parent=region_index, title="MEE Tijdelijk")
    group_pk = new.team.group_id
    new.delete()
    assert not Group.objects.filter(pk=group_pk).exists()
