"""One group per regional office, created with the office.

The group's members handle the office's contact requests and may edit the office page
itself (never publish it: that still goes through the moderation workflow). An
existing team is left alone, so that what an administrator changed by hand (its name,
members, permissions) is never overwritten.
"""

import operator
from functools import reduce

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from wagtail.models import GroupPagePermission, Locale

from .models import OfficeTeam, RegionalOfficePage

TEAM_NAME = "Kantoor {title}"
TEAM_MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("contact", "view_contactrequest"),
    ("contact", "change_contactrequest"),
]
TEAM_PAGE_PERMISSIONS = ["change_page"]
GROUP_NAME_LENGTH = Group._meta.get_field("name").max_length


def _team_name(office):
    name = TEAM_NAME.format(title=office.title)[:GROUP_NAME_LENGTH]
    if Group.objects.filter(name=name).exists():
        # Two offices may share a title; the page id keeps their groups apart.
        suffix = f" ({office.pk})"
        name = name[: GROUP_NAME_LENGTH - len(suffix)] + suffix
    return name


@transaction.atomic
def ensure_office_team(office):
    """Create the office's team unless it has one; return it (None for translations)."""
    if office.locale_id != Locale.get_default().pk:
        # A translation is the same office: its one team works on the Dutch page.
        return None
    team = OfficeTeam.objects.filter(office=office).first()
    if team is not None:
        return team
    group = Group.objects.create(name=_team_name(office))
    group.permissions.add(
        *Permission.objects.filter(
            reduce(
                operator.or_,
                (
                    Q(content_type__app_label=app_label, codename=codename)
                    for app_label, codename in TEAM_MODEL_PERMISSIONS
                ),
            )
        )
    )
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(group=group, page=office, permission=permission)
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore",
            codename__in=TEAM_PAGE_PERMISSIONS,
        )
    )
    return OfficeTeam.objects.create(office=office, group=group)


def ensure_office_teams():
    """Backfill: give every office in the default locale its team."""
    if not Locale.objects.exists():
        return
    offices = RegionalOfficePage.objects.filter(
        locale=Locale.get_default(), team__isnull=True
    )
    for office in offices:
        ensure_office_team(office)


def office_saved(sender, instance, created, raw=False, **kwargs):
    # Only on creation: later saves (revisions, publishing) never touch the team.
    if created and not raw:
        ensure_office_team(instance)


def team_deleted(sender, instance, **kwargs):
    # The group only exists for its office; without it, it would keep admin access.
    Group.objects.filter(pk=instance.group_id).delete()
