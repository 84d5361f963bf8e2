"""The dashboard's count of new requests waiting for the user's offices."""

from django.urls import reverse
from wagtail.admin.site_summary import SummaryItem

from .access import REQUEST_PERMISSIONS, requests_visible_to
from .models import ContactRequest


class NewRequestsSummaryItem(SummaryItem):
    order = 50
    template_name = "contact/admin/new_requests_summary.html"

    def __init__(self, request):
        super().__init__(request)
        self.requests = requests_visible_to(request.user)

    def is_shown(self):
        # Editors without an inbox would only ever see "0 new requests".
        return any(self.request.user.has_perm(p) for p in REQUEST_PERMISSIONS)

    def get_context_data(self, parent_context):
        return {
            "count": self.requests.filter(status=ContactRequest.Status.NEW).count(),
            "url": reverse("contact_requests:index")
            + f"?status={ContactRequest.Status.NEW}",
        }
