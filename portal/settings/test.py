"""The test suite: ``make test`` starts PostgreSQL and passes it in ``DATABASE_URL``."""

import os
import tempfile
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_list, search_backends, shared_caches

if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    # Data tests must run on PostgreSQL as in production, never on SQLite by accident.
    raise ImproperlyConfigured(
        "Tests need DATABASE_URL=postgres://...; run them with `make test`."
    )

if not os.environ.get("PORTAL_CACHE_URL", "").startswith("redis://"):
    # The caches are shared state in production; tests must meet the real Redis.
    raise ImproperlyConfigured(
        "Tests need PORTAL_CACHE_URL=redis://...; run them with `make test`."
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

# A Redis database per pytest-xdist worker: clearing the caches between tests
# (tests/conftest.py) empties only the worker's own.
_worker = os.environ.get("PYTEST_XDIST_WORKER")
_cache_db = int(_worker.removeprefix("gw")) + 1 if _worker else 0
CACHES = shared_caches(
    os.environ["PORTAL_CACHE_URL"].rsplit("/", 1)[0] + f"/{_cache_db}"
)

# The fast tier searches on the database backend even when `make test` runs engines:
# no save waits on an engine, and the engine tier (tests/conftest.py) tests the engines.
WAGTAILSEARCH_BACKENDS = search_backends("database", [])
# Each pytest-xdist worker has indexes of its own; `test_` indexes never touch a
# developer's own indexes.
TEST_SEARCH_INDEX_PREFIX = f"test_{_worker}_" if _worker else "test_"
# The engines the engine tier runs on (tests/conftest.py switches to one per test),
# None when not running: OpenSearch (or PORTAL_SEARCH_BACKEND) at PORTAL_SEARCH_URL
# and Elasticsearch at PORTAL_ELASTICSEARCH_URL, both started by `make test`.
PORTAL_TEST_ENGINE_BACKENDS = {
    engine: (
        search_backends(
            backend, env_list(url), index_prefix=TEST_SEARCH_INDEX_PREFIX, timeout=10
        )
        if os.environ.get(url)
        else None
    )
    for engine, backend, url in (
        (
            "opensearch",
            os.environ.get("PORTAL_SEARCH_BACKEND") or "opensearch2",
            "PORTAL_SEARCH_URL",
        ),
        ("elasticsearch", "elasticsearch8", "PORTAL_ELASTICSEARCH_URL"),
    )
}
