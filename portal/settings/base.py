"""Settings shared by every environment; ``dev``, ``test`` and ``production`` add."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from corsheaders.defaults import default_headers as default_cors_headers
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list, without empty items."""
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


INSTALLED_APPS = [
    "portal",
    "core",
    "home",
    "services",
    "offices",
    "contact",
    "api",
    "localization",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    # After wagtail.search: its ready() connects modelsearch's save handler, which
    # this app's ready() replaces with one whose failed updates are retried.
    "search",
    "wagtail.admin",
    "wagtail.api.v3",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "corsheaders",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: a load balancer's health checks get past no host check, redirect,
    # session, page cache or CSP (portal/health.py).
    "portal.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before anything that may answer, so that every API answer carries CORS headers.
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside session, locale and CSRF: a hit skips them, and a miss sees the cookies
    # and Vary they add before deciding to store (the language comes from the path).
    "core.pagecache.PageCacheMiddleware",
    # Inside the page cache (a hit reads no version), outside all that reads it.
    "core.versions.ContentVersionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.LocaleMiddleware",
    "portal.middleware.SiteMiddleware",
    # Inside the locale (details are translated) and CORS (problems get its headers).
    "api.problems.APIProblemMiddleware",
    # Next and previous pages of Wagtail's lists, which keep Wagtail's body.
    "api.listing_links.ListingLinksMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.AdminLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Marks answers whose search the database answered for the engine.
    "search.middleware.SearchFallbackMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After the locale (it is part of the ETag), inside CORS (304s get its headers).
    "api.caching.APICacheMiddleware",
    # Expiry and scope of the API login's tokens, before any API view runs.
    "api.login.LoginTokenMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into its answer.
    "axes.middleware.AxesMiddleware",
]

# django-axes checks every sign-in before the password is: it must come first.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# One variable describes the database everywhere; ``dev`` falls back to SQLite.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": (
            "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
        )
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Dutch is the source language; English is translated from it with wagtail-localize.
# Content languages an administrator can add as a locale in the admin (Settings >
# Locales) without a code change; a language only appears on the site once its locale
# has a live home page. Names are in the language itself, as the switcher shows them.
LANGUAGE_CODE = "nl"
LANGUAGES = [
    ("nl", "Nederlands"),
    ("en", "English"),
    ("de", "Deutsch"),
    ("fr", "Français"),
    ("pl", "Polski"),
    ("tr", "Türkçe"),
    ("uk", "Українська"),
    ("ar", "العربية"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Translations are drafts that go through the same moderation as Dutch pages.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def s3_media_storages(environ):
    """Media storages on S3-compatible object storage, or None without a bucket.

    ``default`` holds original images and documents: private objects whose URLs are
    always presigned and short-lived, so a document under a view restriction is only
    reachable through Wagtail's serve view (which checks the restriction, then
    redirects to such a URL). ``renditions`` holds the resized images pages show:
    public on ``PORTAL_MEDIA_S3_CUSTOM_DOMAIN`` (a CDN or a public-read policy on the
    ``images/`` prefix) when one is given, else presigned for a week, far longer than
    a cached page that links to them lives.
    """
    bucket = environ.get("PORTAL_MEDIA_S3_BUCKET", "").strip()
    if not bucket:
        return None
    access_key = environ.get("PORTAL_MEDIA_S3_ACCESS_KEY", "").strip()
    secret_key = environ.get("PORTAL_MEDIA_S3_SECRET_KEY", "").strip()
    if not (access_key and secret_key):
        raise ImproperlyConfigured(
            "PORTAL_MEDIA_S3_BUCKET needs PORTAL_MEDIA_S3_ACCESS_KEY and "
            "PORTAL_MEDIA_S3_SECRET_KEY."
        )
    endpoint = environ.get("PORTAL_MEDIA_S3_ENDPOINT_URL", "").strip() or None
    custom_domain = environ.get("PORTAL_MEDIA_S3_CUSTOM_DOMAIN", "").strip() or None
    options = {
        "bucket_name": bucket,
        "access_key": access_key,
        "secret_key": secret_key,
        "endpoint_url": endpoint,
        "region_name": environ.get("PORTAL_MEDIA_S3_REGION", "").strip() or "us-east-1",
        "default_acl": None,
        # Two instances saving "logo.png" at once must not overwrite each other.
        "file_overwrite": False,
        "querystring_auth": True,
        "querystring_expire": int(
            environ.get("PORTAL_MEDIA_S3_URL_SECONDS", "").strip() or 300
        ),
    }
    from botocore.config import Config

    options["client_config"] = Config(
        # Other S3 servers than AWS's answer on one host name, the bucket in the path.
        s3={"addressing_style": "path" if endpoint else "auto"},
        signature_version="s3v4",
        # A store that does not answer must fail a request (and the readiness
        # check) within seconds, not after botocore's minute.
        connect_timeout=5,
        read_timeout=30,
        retries={"mode": "standard", "max_attempts": 3},
        # Checksums in trailers are AWS's newest protocol, which other
        # S3-compatible servers do not all speak; send them where AWS requires.
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
    )
    renditions = {**options, "querystring_expire": 7 * 24 * 3600}
    if custom_domain:
        renditions.update(custom_domain=custom_domain, querystring_auth=False)
    backend = "storages.backends.s3.S3Storage"
    return {
        "default": {"BACKEND": backend, "OPTIONS": options},
        "renditions": {"BACKEND": backend, "OPTIONS": renditions},
    }


DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "MEE en het Nationaal Programma Onderwijs"
WAGTAILADMIN_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")
# Absolute URLs of the API (page and API links) start with the public base URL.
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# The admin itself is offered in the languages the editors work in.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES[:2]
# Avatars are the admin's own default: no request to an outside avatar service,
# which leaks who is signed in and is unreachable from the office network anyway.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Search: the engine is chosen per deployment (see search/README.md). The database
# backend is always configured as well: it answers when the engine is unreachable.
SEARCH_ENGINES = {
    "opensearch2": "search.backends.OpenSearch2Backend",
    "opensearch3": "search.backends.OpenSearch3Backend",
    "elasticsearch8": "search.backends.Elasticsearch8Backend",
    "elasticsearch9": "search.backends.Elasticsearch9Backend",
}


def search_backends(engine, urls, index_prefix="portal_", timeout=5):
    """The search backends for ``engine``: ``database`` or a SEARCH_ENGINES key."""
    database = {"BACKEND": "wagtail.search.backends.database"}
    if engine == "database":
        return {"default": database}
    if engine not in SEARCH_ENGINES:
        choices = ", ".join(["database", *SEARCH_ENGINES])
        raise ImproperlyConfigured(f"PORTAL_SEARCH_BACKEND must be one of {choices}")
    if not urls:
        raise ImproperlyConfigured("PORTAL_SEARCH_URL is required for a search engine")
    return {
        "default": {
            "BACKEND": SEARCH_ENGINES[engine],
            "URLS": urls,
            "INDEX_PREFIX": index_prefix,
            "TIMEOUT": timeout,
            "ATOMIC_REBUILD": True,
            # One attempt: a dead engine must hand over to the fallback quickly.
            "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
        },
        "fallback": database,
    }


PORTAL_SEARCH_BACKEND = os.environ.get("PORTAL_SEARCH_BACKEND", "database").strip()
WAGTAILSEARCH_BACKENDS = search_backends(
    PORTAL_SEARCH_BACKEND,
    env_list("PORTAL_SEARCH_URL"),
    index_prefix=os.environ.get("PORTAL_SEARCH_INDEX_PREFIX", "portal_"),
    timeout=float(os.environ.get("PORTAL_SEARCH_TIMEOUT", "5")),
)
# How often (seconds) a process asks the engine again after it failed, and checks
# that its indexes exist and are not empty (search/resilience.py).
PORTAL_SEARCH_CHECK_SECONDS = float(os.environ.get("PORTAL_SEARCH_CHECK_SECONDS", "30"))
# The first wait before a failed index update is tried again; doubles up to an hour.
PORTAL_SEARCH_RETRY_SECONDS = float(os.environ.get("PORTAL_SEARCH_RETRY_SECONDS", "30"))
# The editors' search reports look back 30 days; daily counts are kept that long.
WAGTAILSEARCH_HITS_MAX_AGE = 30
# Applied at query time; after editing run `manage.py reload_search_synonyms`.
PORTAL_SEARCH_SYNONYMS = Path(
    os.environ.get("PORTAL_SEARCH_SYNONYMS")
    or BASE_DIR / "search" / "synonyms" / "nl.txt"
)

# Background work (indexing, reference index, mail) goes through django-tasks.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@example.org")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# The public site has a strict policy; the Wagtail admin ships inline scripts and
# styles of its own, so it is left out rather than weakening the public policy.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/api/v3/docs/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": [
            "'self'",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "portal": {"level": os.environ.get("PORTAL_LOG_LEVEL", "INFO")},
        "home": {"level": os.environ.get("PORTAL_LOG_LEVEL", "INFO")},
        "services": {"level": os.environ.get("PORTAL_LOG_LEVEL", "INFO")},
        "contact": {"level": os.environ.get("PORTAL_LOG_LEVEL", "INFO")},
        "offices": {"level": os.environ.get("PORTAL_LOG_LEVEL", "INFO")},
        "search": {"level": os.environ.get("PORTAL_LOG_LEVEL", "INFO")},
    },
}


def machine_translation(environ):
    """wagtail-localize's machine translator, when the environment configures one.

    ``PORTAL_MACHINE_TRANSLATOR`` is ``deepl`` (needs ``DEEPL_AUTH_KEY``) or
    ``libretranslate`` (needs ``LIBRETRANSLATE_URL``); unset means editors translate
    by hand and the admin shows no machine translation button.
    """
    translator = environ.get("PORTAL_MACHINE_TRANSLATOR", "").strip().lower()
    if not translator:
        return None
    if translator == "deepl":
        if not environ.get("DEEPL_AUTH_KEY"):
            raise ImproperlyConfigured(
                "PORTAL_MACHINE_TRANSLATOR=deepl needs DEEPL_AUTH_KEY"
            )
        return {
            "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
            "OPTIONS": {"AUTH_KEY": environ["DEEPL_AUTH_KEY"]},
        }
    if translator == "libretranslate":
        if not environ.get("LIBRETRANSLATE_URL"):
            raise ImproperlyConfigured(
                "PORTAL_MACHINE_TRANSLATOR=libretranslate needs LIBRETRANSLATE_URL"
            )
        return {
            "CLASS": (
                "wagtail_localize.machine_translators.libretranslate.LibreTranslator"
            ),
            "OPTIONS": {
                "LIBRETRANSLATE_URL": environ["LIBRETRANSLATE_URL"],
                "API_KEY": environ.get("LIBRETRANSLATE_API_KEY", ""),
            },
        }
    raise ImproperlyConfigured(
        f"PORTAL_MACHINE_TRANSLATOR must be deepl or libretranslate, got {translator!r}"
    )


_machine_translation = machine_translation(os.environ)
if _machine_translation:
    WAGTAILLOCALIZE_MACHINE_TRANSLATION = _machine_translation

# Contact requests: how long closed requests are kept, and the abuse guards.
PORTAL_CONTACT_RETENTION_MONTHS = int(
    os.environ.get("PORTAL_CONTACT_RETENTION_MONTHS", 12)
)
PORTAL_CONTACT_MIN_FILL_SECONDS = float(
    os.environ.get("PORTAL_CONTACT_MIN_FILL_SECONDS", 3)
)
PORTAL_CONTACT_RATE_LIMIT = os.environ.get("PORTAL_CONTACT_RATE_LIMIT", "5/10m")

# Behind a TLS proxy: the header it writes the client's address into (unset: the
# peer's address is the client's) and how many proxies append to it. The login
# throttle and the contact rate limit both read the address through client_ip.
PORTAL_TRUSTED_PROXY_HEADER = os.environ.get("PORTAL_TRUSTED_PROXY_HEADER", "").strip()
PORTAL_TRUSTED_PROXY_COUNT = int(os.environ.get("PORTAL_TRUSTED_PROXY_COUNT", 1))
if PORTAL_TRUSTED_PROXY_COUNT < 1:
    raise ImproperlyConfigured("PORTAL_TRUSTED_PROXY_COUNT must be 1 or more")
RATELIMIT_IP_META_KEY = "portal.client_address.client_ip"

# Login throttling (django-axes): after this many failed sign-ins for one account from
# one address, that account is blocked from that address for the cool-off time. An
# administrator unblocks under Settings > Blocked sign-ins, or `manage.py
# axes_reset_username <name>`.
PORTAL_LOGIN_FAILURE_LIMIT = int(os.environ.get("PORTAL_LOGIN_FAILURE_LIMIT", 10))
PORTAL_LOGIN_COOLOFF_MINUTES = int(os.environ.get("PORTAL_LOGIN_COOLOFF_MINUTES", 30))
AXES_FAILURE_LIMIT = PORTAL_LOGIN_FAILURE_LIMIT
# Lifetime of a token from the API's login (POST /api/v3/login/).
PORTAL_API_LOGIN_TOKEN_MINUTES = int(
    os.environ.get("PORTAL_API_LOGIN_TOKEN_MINUTES", 8 * 60)
)
AXES_COOLOFF_TIME = timedelta(minutes=PORTAL_LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Failed attempts are what throttling needs; a log of every successful sign-in with
# address and browser would be personal data kept for nothing.
AXES_DISABLE_ACCESS_LOG = True
AXES_CLIENT_IP_CALLABLE = "portal.client_address.client_ip"
AXES_LOCKOUT_CALLABLE = "portal.login_throttling.lockout_response"
# No Django admin here: the Wagtail admin has its own view of blocked sign-ins.
AXES_ENABLE_ADMIN = False

# The read API's front ends on other origins; nothing outside /api/ is shared.
CORS_ALLOWED_ORIGINS = env_list("PORTAL_API_CORS_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
# Front ends revalidate cached answers themselves, so they read and send validators.
CORS_ALLOW_HEADERS = (*default_cors_headers, "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = ["ETag"]

# How long browsers and proxies may reuse an anonymous read-API answer unasked;
# publishing changes its ETag at once, so revalidation sees changes without delay.
PORTAL_API_CACHE_SECONDS = int(os.environ.get("PORTAL_API_CACHE_SECONDS", 60))

# How long browsers, proxies and the page cache (core/pagecache.py) keep a public
# page for readers without a session; any content change empties the cache at once
# on the server. 0 turns the page cache off.
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PORTAL_PAGE_CACHE_SECONDS", 300))


def frontend_caches(environ):
    """Wagtail's frontend-cache purging for a CDN or caching proxy in front of the
    portal, when one is configured: an HTTP ``PURGE`` to a proxy (Varnish, nginx)
    and/or Cloudflare's API. Purged are the pages ``core.purging`` finds."""
    backends = {}
    if environ.get("PORTAL_FRONTEND_CACHE_PURGE_URL"):
        backends["proxy"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": environ["PORTAL_FRONTEND_CACHE_PURGE_URL"],
        }
    if environ.get("PORTAL_CLOUDFLARE_ZONE_ID"):
        backends["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": environ["PORTAL_CLOUDFLARE_ZONE_ID"],
            "BEARER_TOKEN": environ.get("PORTAL_CLOUDFLARE_BEARER_TOKEN", ""),
        }
    return backends


WAGTAILFRONTENDCACHE = frontend_caches(os.environ)
# Every language's page is purged under its own URL (the purge set holds the
# translations), not copied into every language prefix.
WAGTAILFRONTENDCACHE_LANGUAGES = []


def shared_caches(url):
    """The caches on one Redis server at ``url``, shared by every app instance: the
    rate-limit tallies, the content version and the page and API caches."""
    redis = {
        "BACKEND": "core.cache.RedisCache",
        "LOCATION": url,
    }
    # One server, two key spaces: a page's key can never be read as anything else.
    return {
        "default": {**redis, "KEY_PREFIX": "portal"},
        "pages": {**redis, "KEY_PREFIX": "pages"},
    }


# `make run` keeps the caches in the process; production and the tests use Redis.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
    },
}
