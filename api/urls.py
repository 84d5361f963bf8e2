"""Wagtail's API v3 with the portal's routers, registered before its URLs are built.

One NinjaAPI instance, so that one OpenAPI document lists every endpoint.
"""

from django.urls import path
from wagtail.api.v3.routers import pages as wagtail_pages
from wagtail.api.v3.routers.pages import actions_router as page_actions_router
from wagtail.api.v3.routers.pages import router as pages_router
from wagtail.api.v3.urls import api

from .guards import GuardedParser, integer_page_id, refuse_tree_root
from .openapi import portal_openapi_schema
from .page_detail import serve_page_detail
from .pages import pages_queryset
from .problems import register_problems, register_search_problems
from .routers import content, images, navigation, resolve, search, site, vocabularies
from .routers.contact import router as contact_router
from .routers.contextnav import router as contextnav_router
from .routers.editorial import router as editorial_router
from .routers.login import router as login_router
from .routers.moderation import router as moderation_router
from .writes import checked_write, page_validator

MOUNT = "api/v3/"

# The read side: public content for front ends. Next to Wagtail's own ``/images/``.
READ_ROUTERS = {
    "site/": site.router,
    "resolve/": resolve.router,
    "content/": content.router,
    "navigation/": navigation.router,
    "vocabularies/": vocabularies.router,
    "search/": search.router,
    "images/": images.router,
}
# Anonymous GETs under these carry validators and Cache-Control (api/caching.py):
# the read routers and Wagtail's public image and document endpoints.
CACHED_PATHS = tuple(f"/{MOUNT}{prefix}" for prefix in [*READ_ROUTERS, "documents/"])

api.add_router("/contact/", contact_router)
api.add_router("/moderation/", moderation_router)
api.add_router("/editorial/", editorial_router)
api.add_router("/contextnavigation/", contextnav_router)
api.add_router("/login/", login_router)
for prefix, router in READ_ROUTERS.items():
    api.add_router(f"/{prefix}", router)
register_problems(api)
register_search_problems(api)
api.parser = GuardedParser()
api.get_openapi_schema = portal_openapi_schema(api.get_openapi_schema)
# Wagtail's page endpoints read their pages from this name: the portal's adds the
# rule that an alias takes its original's view restrictions.
wagtail_pages.get_pages_queryset = pages_queryset
serve_page_detail(pages_router)
pages_router.add_decorator(integer_page_id, mode="view")
pages_router.add_decorator(page_validator, mode="view")
pages_router.add_decorator(checked_write)
page_actions_router.add_decorator(refuse_tree_root)

urlpatterns = [path(MOUNT, api.urls)]
