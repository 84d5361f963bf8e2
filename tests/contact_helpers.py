"""Shared set-up for the tests of the office side of contact requests."""

from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import post_save
from wagtail.users.models import UserProfile

from offices.models import RegionalOfficePage


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


def _prefer_english(sender, instance, created, **kwargs):
    if created:
        UserProfile.objects.update_or_create(
            user=instance, defaults={"preferred_language": "en"}
        )


@contextmanager
def users_prefer_english():
    """Users created meanwhile chose English for the admin in their account: the
    admin is Dutch otherwise, whatever the browser asks for."""
    post_save.connect(
        _prefer_english, sender=get_user_model(), dispatch_uid="tests.prefer_english"
    )
    try:
        yield
    finally:
        post_save.disconnect(
            sender=get_user_model(), dispatch_uid="tests.prefer_english"
        )
