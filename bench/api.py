"""Read API cost: SQL queries and p50/p95 latency of resolve, page, menu and search.

Measures the demo site, then again after ``load_demo_content --pages N`` (1000)
added generated services and articles (the services shown in menus, so that the
menu grows too); the query counts must stay the same, else the exit status is 1.
Requests are anonymous and unconditional, through the Django test client; one more
line gives the conditional GET that the ETag answers with 304. Each endpoint is
measured warm (repeated, served from the API cache) and cold (the cache emptied
before each request), and resolve with ``expand=breadcrumbs,navigation,translations``
also over HTTP, from gunicorn with the production settings and Redis (bench/servers.py).

Services: by default it starts its own PostgreSQL and OpenSearch with the project's
scripts and stops them at the end; set ``DATABASE_URL`` (an empty, throw-away
PostgreSQL database) and ``PORTAL_SEARCH_URL`` to use running ones. Its indexes are
prefixed ``bench_``. The gunicorn of the HTTP measurement gets a Redis of its own:

    .venv/bin/python bench/api.py [--pages 1000] [--requests 200]
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from figures import QueryCounter, timed

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

HOST = "localhost"
WARM_UP = 10
RESOLVE = (
    "/api/v3/resolve/?path=/nl/diensten/toekomstcoach/"
    "&expand=breadcrumbs,navigation,translations"
)


def start_services(stack):
    """Starts PostgreSQL and OpenSearch unless the environment names running ones."""
    state = Path(stack.enter_context(tempfile.TemporaryDirectory()))
    scripts = REPO / "scripts"
    for name, variable in (
        ("postgres", "DATABASE_URL"),
        ("opensearch", "PORTAL_SEARCH_URL"),
    ):
        if os.environ.get(variable):
            continue
        env = {**os.environ, f"{name.upper()}_STATE": str(state / f"{name}.state")}
        os.environ[variable] = subprocess.check_output(
            [scripts / name / "start.sh"], env=env, text=True
        ).strip()
        stack.callback(subprocess.run, [scripts / name / "stop.sh"], env=env)
    os.environ.setdefault("PORTAL_SEARCH_BACKEND", "opensearch2")
    os.environ["PORTAL_SEARCH_INDEX_PREFIX"] = "bench_"
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["MEDIA_ROOT"] = str(state / "media")


def endpoints():
    from services.models import ServicePage

    service = ServicePage.objects.get(slug="toekomstcoach", locale__language_code="nl")
    return {
        "resolve + expand": RESOLVE,
        "page detail + expand": (
            f"/api/v3/content/pages/{service.pk}/"
            "?expand=breadcrumbs,navigation,translations"
        ),
        "navigation depth 2": "/api/v3/navigation/?locale=nl&depth=2",
        "search": "/api/v3/search/?q=toekomstcoach&locale=nl",
        "search + facet": "/api/v3/search/?q=ondersteuning&locale=nl&school_type=po",
    }


def timed_get(client, url, runs, expected, **headers):
    """Queries of one request, p50 and p95 ms of ``runs`` more, after warm-up."""
    from django.db import connection

    for _ in range(WARM_UP):
        client.get(url, HTTP_HOST=HOST, **headers)
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        response = client.get(url, HTTP_HOST=HOST, **headers)
    if response.status_code != expected:
        raise SystemExit(f"{url} answered {response.status_code}, not {expected}")
    p50, p95 = timed(lambda: client.get(url, HTTP_HOST=HOST, **headers), runs)
    return counter.count, p50, p95


def timed_cold(client, url, runs):
    """Like ``timed_get``, with the API cache emptied before each request."""
    from django.core.cache import caches
    from django.db import connection

    cache = caches["pages"]
    cache.clear()
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        response = client.get(url, HTTP_HOST=HOST)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    p50, p95 = timed(lambda: client.get(url, HTTP_HOST=HOST), runs, cache.clear)
    return counter.count, p50, p95


def measure_cold(client, runs):
    return {name: timed_cold(client, url, runs) for name, url in endpoints().items()}


def over_http(stack, runs):
    """p50/p95 ms of resolve with its three expansions from gunicorn (production
    settings, Redis, this database), warm (served from the API cache) and cold (the
    API's cached answers deleted from Redis before each request)."""
    import redis
    import requests
    from servers import free_port, gunicorn, prepare, production_env

    port = free_port()
    env = production_env(stack, port)
    prepare(env, demo=False)
    url = gunicorn(stack, env, port) + RESOLVE
    store = redis.Redis.from_url(env["PORTAL_CACHE_URL"])
    session = requests.Session()

    def forget_answers():
        for key in store.scan_iter(match="pages:*:api:*"):
            store.delete(key)

    def timings(cold):
        return timed(
            lambda: session.get(url, timeout=30).raise_for_status(),
            runs,
            forget_answers if cold else None,
        )

    for _ in range(WARM_UP):
        session.get(url, timeout=30)
    if not any(store.scan_iter(match="pages:*:api:*")):
        raise SystemExit("gunicorn stored no API answer in Redis: nothing is warm")
    warm = timings(cold=False)
    return timings(cold=True), warm


def measure(client, runs):
    urls = endpoints()
    for name, url in urls.items():
        # A search that finds nothing would measure nothing.
        if (
            name.startswith("search")
            and not client.get(url, HTTP_HOST=HOST).json()["paging"]["total"]
        ):
            raise SystemExit(f"{url} found nothing")
    figures = {name: timed_get(client, url, runs, 200) for name, url in urls.items()}
    detail = urls["page detail + expand"]
    etag = client.get(detail, HTTP_HOST=HOST)["ETag"]
    queries, p50, _p95 = timed_get(client, detail, runs, 304, HTTP_IF_NONE_MATCH=etag)
    return figures, (queries, p50)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    with ExitStack() as stack:
        start_services(stack)
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.test import Client, override_settings
        from wagtail.models import Page

        from services.models import ServicePage

        quiet = stack.enter_context(open(os.devnull, "w"))
        call_command("migrate", verbosity=0)
        backends = settings.WAGTAILSEARCH_BACKENDS
        # Pages are indexed by one rebuild after loading, not one by one as made.
        no_auto_update = override_settings(
            WAGTAILSEARCH_BACKENDS={
                name: {**config, "AUTO_UPDATE": False}
                for name, config in backends.items()
            }
        )
        with no_auto_update:
            call_command("load_demo_content", stdout=quiet)
        call_command("update_index", stdout=quiet)
        client = Client()
        pages_before = Page.objects.live().count()
        base, base_304 = measure(client, args.requests)
        base_cold = measure_cold(client, args.requests)

        started = time.perf_counter()
        with no_auto_update:
            call_command("load_demo_content", pages=args.pages, stdout=quiet)
            ServicePage.objects.filter(slug__startswith="gegenereerde-dienst-").update(
                show_in_menus=True
            )
        call_command("update_index", stdout=quiet)
        loaded_in = time.perf_counter() - started
        pages_after = Page.objects.live().count()
        grown, grown_304 = measure(client, args.requests)
        grown_cold = measure_cold(client, args.requests)
        http_cold, http_warm = over_http(stack, args.requests)

    print(
        f"PostgreSQL, {os.environ['PORTAL_SEARCH_BACKEND']}; Django test client, "
        f"anonymous, no conditional headers; {args.requests} requests per endpoint "
        f"after {WARM_UP} warm-up"
    )
    print(
        f"live pages: {pages_before} (demo), then {pages_after} after "
        f"load_demo_content --pages {args.pages} and update_index ({loaded_in:.0f} s)"
    )
    columns = f"{'queries':>7} {'p50 ms':>8} {'p95 ms':>8}"
    grown_label = f"+{args.pages} pages:"
    print(f"{'endpoint':<22} {columns} | {grown_label:<12} {columns}")
    stable = True
    for name in base:
        q0, p50_0, p95_0 = base[name]
        q1, p50_1, p95_1 = grown[name]
        stable &= q0 == q1
        print(
            f"{name:<22} {q0:>7} {p50_0:>8.1f} {p95_0:>8.1f} | "
            f"{'':<12} {q1:>7} {p50_1:>8.1f} {p95_1:>8.1f}"
        )
    stable &= base_304[0] == grown_304[0]
    print(
        f"conditional GET of the page detail (If-None-Match, 304): "
        f"{base_304[0]} queries, p50 {base_304[1]:.1f} ms | "
        f"+{args.pages} pages: {grown_304[0]} queries, p50 {grown_304[1]:.1f} ms"
    )
    print_cold_warm("demo", base_cold, base)
    print_cold_warm(f"+{args.pages} pages", grown_cold, grown)
    stable &= all(base_cold[name][0] == grown_cold[name][0] for name in base_cold)
    print(
        f"over HTTP (gunicorn --workers 2, production settings, Redis; "
        f"{args.requests} sequential requests) resolve + expand: "
        f"cold p50 {http_cold[0]:.1f} ms, p95 {http_cold[1]:.1f} ms | "
        f"warm p50 {http_warm[0]:.1f} ms, p95 {http_warm[1]:.1f} ms "
        f"(targets: cold < 20, warm < 5)"
    )
    print("query counts stable:", "yes" if stable else "NO")
    return 0 if stable else 1


def print_cold_warm(label, cold, warm):
    """The table of cold (API cache emptied before each request) next to warm."""
    print(f"{label}: cold = API cache emptied before each request, warm = cached")
    print(
        f"{'endpoint':<22} {'queries':>7} {'cold p50':>8} {'cold p95':>8} | "
        f"{'queries':>7} {'warm p50':>8} {'warm p95':>8}"
    )
    for name, (queries, p50, p95) in cold.items():
        warm_queries, warm_p50, warm_p95 = warm[name]
        print(
            f"{name:<22} {queries:>7} {p50:>8.1f} {p95:>8.1f} | "
            f"{warm_queries:>7} {warm_p50:>8.1f} {warm_p95:>8.1f}"
        )


if __name__ == "__main__":
    sys.exit(main())
