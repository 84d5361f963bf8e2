"""Read API cost: SQL queries and p50/p95 latency of resolve, page, menu and search.

Measures the demo site, then again after ``load_demo_content --pages N`` (1000)
added generated services and articles (the services shown in menus, so that the
menu grows too); the query counts must stay the same, else the exit status is 1.
Requests are anonymous and unconditional, through the Django test client; one more
line gives the conditional GET that the ETag answers with 304.

Services: by default it starts its own PostgreSQL and OpenSearch with the project's
scripts and stops them at the end; set ``DATABASE_URL`` (an empty, throw-away
PostgreSQL database) and ``PORTAL_SEARCH_URL`` to use running ones. Its indexes are
prefixed ``bench_``:

    .venv/bin/python bench/api.py [--pages 1000] [--requests 200]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

HOST = "localhost"
WARM_UP = 10


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


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def endpoints():
    from services.models import ServicePage

    service = ServicePage.objects.get(slug="toekomstcoach", locale__language_code="nl")
    return {
        "resolve": "/api/v3/resolve/?path=/nl/diensten/toekomstcoach/",
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
    # Counted by a wrapper: the debug query log is capped and would undercount.
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        response = client.get(url, HTTP_HOST=HOST, **headers)
    if response.status_code != expected:
        raise SystemExit(f"{url} answered {response.status_code}, not {expected}")
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url, HTTP_HOST=HOST, **headers)
        timings.append((time.perf_counter() - start) * 1000)
    p95 = statistics.quantiles(timings, n=20)[18]
    return counter.count, statistics.median(timings), p95


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
    print("query counts stable:", "yes" if stable else "NO")
    return 0 if stable else 1


if __name__ == "__main__":
    sys.exit(main())
