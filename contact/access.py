"""Which contact requests a user may see: the one rule every view and API shares.

A request is visible only to the team of the office it was routed to, and to
superusers. Views start from ``requests_visible_to`` and never from
``ContactRequest.objects``, so that lists, detail views, exports, search, filters and
the JSON API cannot disagree about it.

Teams belong to the office page in the default locale. A request routed to a
translation of that page (the English fallback office, say) is the same office's
work, so offices are compared by ``translation_key``.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from offices.models import RegionalOfficePage

from .models import ContactRequest

# Either permission lets a team member work the inbox; without one, team membership
# alone shows nothing, so an administrator can suspend access by editing the group.
REQUEST_PERMISSIONS = ("contact.view_contactrequest", "contact.change_contactrequest")


def _may_read_requests(user):
    return (
        user is not None
        and user.is_authenticated
        and user.is_active
        and any(user.has_perm(permission) for permission in REQUEST_PERMISSIONS)
    )


def offices_of(user):
    """The offices (default locale) whose requests ``user`` may see, as a queryset."""
    if not _may_read_requests(user):
        return RegionalOfficePage.objects.none()
    offices = RegionalOfficePage.objects.filter(locale=Locale.get_default())
    if user.is_superuser:
        return offices
    return offices.filter(team__group__user=user).distinct()


def requests_visible_to(user):
    """The contact requests ``user`` may see, as a queryset (empty for outsiders)."""
    if not _may_read_requests(user):
        return ContactRequest.objects.none()
    if user.is_superuser:
        return ContactRequest.objects.all()
    return ContactRequest.objects.filter(
        office__translation_key__in=offices_of(user).values("translation_key")
    )


def colleagues_of(office):
    """Active members of the office's team: the people its requests may go to."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__office_team__office__translation_key=office.translation_key,
        )
        .distinct()
    )


class ContactRequestPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed to the user's offices.

    Nobody adds or deletes requests here, superusers included: they arrive only
    through the contact form and leave only through ``purge_contact_requests``.
    """

    FORBIDDEN = {"add", "delete"}

    def user_has_permission(self, user, action):
        return action not in self.FORBIDDEN and super().user_has_permission(
            user, action
        )

    def users_with_any_permission(self, actions):
        allowed = set(actions) - self.FORBIDDEN
        if not allowed:
            return get_user_model().objects.none()
        return super().users_with_any_permission(allowed)

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and requests_visible_to(user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return ContactRequest.objects.none()
        return requests_visible_to(user)

    def users_with_any_permission_for_instance(self, actions, instance):
        return (
            self.users_with_any_permission(actions)
            .filter(
                Q(is_superuser=True)
                | Q(
                    groups__office_team__office__translation_key=(
                        instance.office.translation_key
                    )
                )
            )
            .distinct()
        )
