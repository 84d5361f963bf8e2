"""The one scoping rule: a request is seen by its office's team and superusers only."""

import pytest
from wagtail.models import Locale
from wagtail.permissions import policy_registry

from contact.access import colleagues_of, offices_of, requests_visible_to
from contact.factories import ContactRequestFactory
from contact.models import ContactRequest
from portal.editorial import EDITORS, MODERATORS
from tests.contact_helpers import group, make_user, office, team_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def offices(demo_site):
    return office("mee-groningen"), office("mee-friesland")


@pytest.fixture
def requests(offices):
    groningen, friesland = offices
    return (
        ContactRequestFactory(office=groningen, school_name="Groningse school"),
        ContactRequestFactory(office=friesland, school_name="Friese school"),
    )


def test_team_member_sees_only_own_office(offices, requests):
    groningen, _ = offices
    member = team_member(groningen, "groninger")
    assert list(offices_of(member)) == [groningen]
    assert list(requests_visible_to(member)) == [requests[0]]


def test_member_of_two_teams_sees_both_without_duplicates(offices, requests):
    groningen, friesland = offices
    member = make_user("noorderling", groningen.team.group, friesland.team.group)
    assert set(offices_of(member)) == {groningen, friesland}
    assert sorted(r.pk for r in requests_visible_to(member)) == sorted(
        r.pk for r in requests
    )


def test_superuser_sees_everything(requests):
    admin = make_user("beheer", is_superuser=True)
    assert set(requests_visible_to(admin)) == set(ContactRequest.objects.all())
    assert offices_of(admin).count() == 17


@pytest.mark.parametrize("editorial_group", [EDITORS, MODERATORS])
def test_editorial_groups_see_nothing(requests, editorial_group):
    editor = make_user("redacteur", group(editorial_group))
    assert not requests_visible_to(editor).exists()
    assert not offices_of(editor).exists()


def test_outsiders_see_nothing(offices, requests):
    groningen, _ = offices
    assert not requests_visible_to(make_user("niemand")).exists()
    inactive = team_member(groningen, "oud-collega", is_active=False)
    assert not requests_visible_to(inactive).exists()


def test_team_without_inbox_permissions_sees_nothing(offices, requests):
    groningen, _ = offices
    member = team_member(groningen, "groninger")
    groningen.team.group.permissions.clear()
    assert not requests_visible_to(member).exists()


def test_request_routed_to_a_translation_belongs_to_the_dutch_team(offices):
    groningen, _ = offices
    english = Locale.objects.get(language_code="en")
    translation = groningen.get_translation(english)
    routed = ContactRequestFactory(office=translation, language="en")
    member = team_member(groningen, "groninger")
    assert list(requests_visible_to(member)) == [routed]
    assert list(colleagues_of(translation)) == [member]


def test_policy_forbids_add_and_delete_even_to_superusers(offices, requests):
    groningen, _ = offices
    policy = policy_registry.get_by_type(ContactRequest)
    admin = make_user("beheer", is_superuser=True)
    member = team_member(groningen, "groninger")
    for user in (admin, member):
        assert not policy.user_has_permission(user, "add")
        assert not policy.user_has_permission(user, "delete")
        assert policy.user_has_permission(user, "change")
    assert policy.user_has_permission_for_instance(member, "change", requests[0])
    assert not policy.user_has_permission_for_instance(member, "change", requests[1])
    assert list(policy.instances_user_has_permission_for(member, "change")) == [
        requests[0]
    ]
    assert set(policy.users_with_permission_for_instance("change", requests[1])) == {
        admin
    }
