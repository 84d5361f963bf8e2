"""Health answers for a load balancer, in JSON, before any other middleware.

``/health/live``: the process answers (nothing else is asked, not the database), for
restarting a hung instance. ``/health/ready``: the instance can serve: the database,
every cache and every media storage answer (503 otherwise, naming what failed); the
search engine's state is reported but not required, since search falls back to the
database (search/resilience.py).

Answered by the first middleware, so the checks bypass what would get in a probe's
way or add noise: ``ALLOWED_HOSTS`` (a probe addresses the instance, not the site),
the HTTPS redirect, sessions, the page cache and the Content-Security-Policy header.
They reveal states and error class names only.
"""

import json
import time

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import storages
from django.db import connection
from django.http import HttpResponse

from search.health import engine_state

LIVE = "/health/live"
READY = "/health/ready"
PROBE = "health/probe"


def _timed(check):
    started = time.perf_counter()
    try:
        check()
    except Exception as error:  # any failure means not ready
        result = {"ok": False, "error": type(error).__name__}
    else:
        result = {"ok": True}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache(alias):
    # A read is enough: an unreachable cache server or table raises.
    return lambda: caches[alias].get(PROBE)


def _storage(alias):
    # Asks the store about one object (a HEAD on S3) and writes nothing.
    return lambda: storages[alias].exists(PROBE)


def readiness():
    """``(ready, answer)``: the checks that must pass, and the search engine's."""
    checks = {"database": _timed(_database)}
    for alias in settings.CACHES:
        checks[f"cache:{alias}"] = _timed(_cache(alias))
    for alias in settings.STORAGES:
        if alias != "staticfiles":
            checks[f"storage:{alias}"] = _timed(_storage(alias))
    engine = engine_state()
    ready = all(check["ok"] for check in checks.values())
    return ready, {
        "status": "ready" if ready else "unavailable",
        "checks": checks,
        "search": {"state": engine.state, "error": engine.error, "required": False},
    }


def _json(status, answer):
    response = HttpResponse(
        json.dumps(answer), status=status, content_type="application/json"
    )
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == LIVE:
            return _json(200, {"status": "live"})
        if request.path_info == READY:
            ready, answer = readiness()
            return _json(200 if ready else 503, answer)
        return self.get_response(request)
