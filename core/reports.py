"""Plumbing the portal's admin reports share (coverage, search, translations)."""

from django.urls import path
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permissions import policy_registry


def report_urls(prefix, view_class, name):
    """The report's page and its results fragment, which Wagtail's filters reload."""
    return [
        path(prefix, view_class.as_view(), name=name),
        path(
            f"{prefix}results/",
            view_class.as_view(results_only=True),
            name=f"{name}_results",
        ),
    ]


class PageReportMenuItem(MenuItem):
    """Shown to whoever has one of the page permissions the report's view requires."""

    def __init__(self, view_class, *args, **kwargs):
        self.view_class = view_class
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(
            request.user, self.view_class.any_permission_required
        )
