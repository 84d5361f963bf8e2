from django.http import Http404
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.models import Page

from .actions import LockRespectingRevertAction
from .login_throttling import BlockedSignInsView


@hooks.register("before_serve_page")
def only_pages_in_the_requested_language(page, request, serve_args, serve_kwargs):
    """``/en/...`` serves English pages only.

    Without an English translation Wagtail would route through the Dutch tree and
    show Dutch content under an English interface and ``lang="en"``.
    """
    if page.locale.language_code != translation.get_language():
        raise Http404


@hooks.register("register_actions")
def revert_respects_locks(registry):
    registry.register(Page, LockRespectingRevertAction)


@hooks.register("register_admin_urls")
def register_blocked_sign_ins_url():
    return [
        path(
            "blocked-sign-ins/",
            BlockedSignInsView.as_view(),
            name="portal_blocked_sign_ins",
        )
    ]


@hooks.register("register_settings_menu_item")
def register_blocked_sign_ins_menu_item():
    return AdminOnlyMenuItem(
        _("Blocked sign-ins"),
        reverse("portal_blocked_sign_ins"),
        name="blocked-sign-ins",
        icon_name="lock",
        order=900,
    )
