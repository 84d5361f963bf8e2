"""Local development: SQLite, the database search backend, mail on the console."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "django-insecure-dev-only-key-never-use-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]
# Links in mail and the admin point at the port `make run` serves on.
WAGTAILADMIN_BASE_URL = os.environ.get(
    "PORTAL_BASE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
)
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
