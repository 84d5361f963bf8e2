"""Wagtail's API v3 with the portal's routers, registered before its URLs are built.

One NinjaAPI instance, so that one OpenAPI document lists every endpoint.
"""

from django.urls import path
from wagtail.api.v3.urls import api

from .routers.contact import router as contact_router
from .routers.moderation import router as moderation_router

api.add_router("/contact/", contact_router)
api.add_router("/moderation/", moderation_router)

urlpatterns = [path("api/v3/", api.urls)]
