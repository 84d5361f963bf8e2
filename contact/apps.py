from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactConfig(AppConfig):
    name = "contact"
    verbose_name = _("Contact requests")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from .access import ContactRequestPermissionPolicy
        from .models import ContactRequest

        # Before the admin asks for it, or Wagtail makes a plain model policy instead.
        register_permission_policy(
            ContactRequest, ContactRequestPermissionPolicy(ContactRequest)
        )
