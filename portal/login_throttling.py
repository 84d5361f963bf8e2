"""Login throttling (django-axes): the lockout answer and the administrators' unblock.

A sign-in is blocked per account and address: ``PORTAL_LOGIN_FAILURE_LIMIT`` failed
attempts for one username from one address block that pair for
``PORTAL_LOGIN_COOLOFF_MINUTES``. Administrators see the blocked pairs under
Settings > Blocked sign-ins and unblock them there.
"""

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


def lockout_response(request, original_response=None, credentials=None):
    if request.path_info.startswith("/api/"):
        # The API's login (api/login.py) answers with a problem, not a page.
        from api.login import locked_out_problem

        return locked_out_problem(request)
    return render(
        request,
        "wagtailadmin/login_locked.html",
        {"cooloff_minutes": settings.PORTAL_LOGIN_COOLOFF_MINUTES},
        status=429,
    )


def blocked_sign_ins():
    """Account and address pairs at or over the limit, most recent first."""
    return (
        AccessAttempt.objects.values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last")
    )


class BlockedSignInsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtailadmin/blocked_sign_ins.html"
    page_title = gettext_lazy("Blocked sign-ins")
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["blocked"] = blocked_sign_ins()
        context["cooloff_minutes"] = settings.PORTAL_LOGIN_COOLOFF_MINUTES
        return context

    def post(self, request):
        username = request.POST.get("username", "")
        ip_address = request.POST.get("ip_address", "")
        if username and ip_address and reset(ip=ip_address, username=username):
            messages.success(
                request,
                _("%(username)s can sign in from %(address)s again.")
                % {"username": username, "address": ip_address},
            )
        else:
            messages.error(request, _("No blocked sign-in matched; nothing changed."))
        return redirect("portal_blocked_sign_ins")
