"""Shared set-up for the tests of the office side of contact requests."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from contact.models import RegionalOfficePage


def office(slug):
    return RegionalOfficePage.objects.get(slug=slug, locale__language_code="nl")


def make_user(username, *groups, **fields):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "x", **fields
    )
    user.groups.add(*groups)
    return user


def team_member(office_page, username, **fields):
    return make_user(username, office_page.team.group, **fields)


def group(name):
    return Group.objects.get(name=name)
