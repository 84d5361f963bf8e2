from django.http import Http404
from django.utils import translation
from wagtail import hooks
from wagtail.models import Page

from .actions import LockRespectingRevertAction


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
