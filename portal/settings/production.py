"""Production: secrets and hosts come from the environment; a missing one stops."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list, s3_media_storages, shared_caches


def required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"Set the environment variable {name} (see .env.example)."
        )
    return value


DEBUG = False
SECRET_KEY = required("SECRET_KEY")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured(
        "SECRET_KEY must be a random value of at least 50 characters."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or required("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured(
        "Set DATABASE_URL, e.g. postgres://user:pass@host:5432/portal."
    )
WAGTAILADMIN_BASE_URL = required("PORTAL_BASE_URL")
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
# Production states its search engine; `database` must be chosen explicitly.
required("PORTAL_SEARCH_BACKEND")

# TLS is terminated in front of the app; the proxy says so in this header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31_536_000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}
# Media on S3-compatible object storage when a bucket is given, shared by every app
# instance; otherwise on the local disk under MEDIA_ROOT (one machine only).
_s3_storages = s3_media_storages(os.environ)
if _s3_storages:
    STORAGES.update(_s3_storages)  # noqa: F405
    WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
    # Documents are never linked by their object URL: the serve view checks the
    # view restriction, then redirects to a presigned URL that expires soon.
    WAGTAILDOCS_SERVE_METHOD = "redirect"

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = required("EMAIL_HOST")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 587))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 30

TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# Shared by every worker of every app instance: rate limits, login lockouts, the
# content version and the cached pages hold across all of them.
CACHES = shared_caches(required("PORTAL_CACHE_URL"))
