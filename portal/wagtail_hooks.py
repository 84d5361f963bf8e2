from django.http import Http404
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.models import Page

from core.translations import locale_id_for

from .actions import LockRespectingRevertAction
from .login_throttling import BlockedSignInsView


@hooks.register("before_serve_page")
def only_pages_in_the_requested_language(page, request, serve_args, serve_kwargs):
    """``/en/...`` serves English pages only.

    Without an English translation Wagtail would route through the Dutch tree and
    show Dutch content under an English interface and ``lang="en"``.
    """
    if page.locale_id != locale_id_for(translation.get_language()):
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


@hooks.register("insert_global_admin_js")
def translate_hard_coded_admin_labels():
    return format_html('<script src="{}"></script>', static("js/admin-labels.js"))


@hooks.register("construct_reports_menu")
def one_translations_report(request, menu_items):
    """wagtail-localize's own "Translations" report duplicates the portal's, which
    also shows labels, pages behind their source and unpublished translations."""
    theirs = reverse("wagtail_localize:translations_report")
    menu_items[:] = [item for item in menu_items if item.url != theirs]
