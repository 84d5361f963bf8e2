"""The test suite: ``make test`` starts PostgreSQL and passes it in ``DATABASE_URL``."""

import os
import tempfile
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_list, search_backends

if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    # Data tests must run on PostgreSQL as in production, never on SQLite by accident.
    raise ImproperlyConfigured(
        "Tests need DATABASE_URL=postgres://...; run them with `make test`."
    )

# Not a secret: test runs only.
SECRET_KEY = "test-only-secret-key-not-for-production"  # noqa: S105
# The live-server browser tests are served on loopback under several names.
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# Fast hashing keeps user fixtures cheap; security is not under test here.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Mail goes to the real SMTP server (aiosmtpd) that conftest starts on loopback.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_USE_TLS = False
EMAIL_TIMEOUT = 5
# Forms in tests are filled by code, far quicker than the 3 s a person needs.
PORTAL_CONTACT_MIN_FILL_SECONDS = 1
# Collected files are not needed: WhiteNoise serves from the finders instead.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Uploaded test images must not land in the checkout's media folder.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="mee-portal-test-media-"))

if not os.environ.get("PORTAL_SEARCH_URL"):
    # Search is tested on the real engine, never silently on the database backend.
    raise ImproperlyConfigured(
        "Tests need PORTAL_SEARCH_URL (a running engine); run them with `make test`."
    )
# The engine `make test` starts; `test_` indexes never touch a developer's own indexes.
WAGTAILSEARCH_BACKENDS = search_backends(
    os.environ.get("PORTAL_SEARCH_BACKEND", "opensearch2"),
    env_list("PORTAL_SEARCH_URL"),
    index_prefix="test_",
    timeout=10,
)
# The second engine the engine-dependent search tests run on (tests/conftest.py):
# Elasticsearch through the portal's Elasticsearch 8 backend, on the node `make test`
# starts beside OpenSearch; kept out of WAGTAILSEARCH_BACKENDS so that only those
# tests write to it.
PORTAL_TEST_ELASTICSEARCH_BACKENDS = (
    search_backends(
        "elasticsearch8",
        env_list("PORTAL_ELASTICSEARCH_URL"),
        index_prefix="test_",
        timeout=10,
    )
    if os.environ.get("PORTAL_ELASTICSEARCH_URL")
    else None
)
