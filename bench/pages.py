"""Render cost of every public page type: SQL queries and p50/p95 render time.

Measures the demo site, then again after ``--pages`` generated services and articles
are added; the query counts must stay the same. Runs on a temporary SQLite database
unless DATABASE_URL names another (for example the PostgreSQL that `make test` uses):

    .venv/bin/python bench/pages.py [--pages 1000] [--runs 50]
"""

import argparse
import os
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from figures import QueryCounter, timed

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def get_noting_state(client, url, states):
    response = client.get(url, HTTP_HOST="localhost")
    states.add(response.get("X-Page-Cache", "not stored"))


def measure(client, runs):
    from django.db import connection

    figures = {}
    from portal.demo import PAGE_TYPE_URLS

    for name, url in PAGE_TYPE_URLS.items():
        client.get(url, HTTP_HOST="localhost")
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            response = client.get(url, HTTP_HOST="localhost")
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        p50, p95 = timed(partial(client.get, url, HTTP_HOST="localhost"), runs)
        figures[name] = (counter.count, p50, p95)
    return figures


def page_cache_off():
    """Cold: every request renders the page, as with the page cache off."""
    from django.test import override_settings

    return override_settings(PORTAL_PAGE_CACHE_SECONDS=0)


def measure_warm(runs):
    """Warm: p50/p95 ms of anonymous requests answered by the page cache, with the
    X-Page-Cache header that says so (pages never stored are timed too)."""
    from django.test import Client

    from portal.demo import PAGE_TYPE_URLS

    figures = {}
    for name, url in PAGE_TYPE_URLS.items():
        client = Client()
        client.get(url, HTTP_HOST="localhost")
        states = set()
        get = partial(get_noting_state, client, url, states)
        p50, p95 = timed(get, runs, client.cookies.clear)
        figures[name] = ("/".join(sorted(states)), p50, p95)
    return figures


def print_cold_warm(label, cold, warm):
    print(f"{label}: cold = page cache off (rendered), warm = second anonymous request")
    print(
        f"{'page type':<20} {'cold p50':>8} {'warm p50':>8} {'warm p95':>8}"
        f"  X-Page-Cache (warm)"
    )
    for name, (state, p50, p95) in warm.items():
        print(f"{name:<20} {cold[name][1]:>8.1f} {p50:>8.1f} {p95:>8.1f}  {state}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="mee-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ["MEDIA_ROOT"] = workdir

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from portal import demo

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    call_command("migrate", verbosity=0)
    demo.load_site()
    client = Client()
    with page_cache_off():
        base = measure(client, args.runs)
    base_warm = measure_warm(args.runs)
    start = time.perf_counter()
    demo.generate_pages(args.pages)
    generated_in = time.perf_counter() - start
    with page_cache_off():
        grown = measure(client, args.runs)
    grown_warm = measure_warm(args.runs)

    print(f"database: {engine}; {args.runs} renders per page; Django test client")
    print(f"generated {args.pages} pages in {generated_in:.1f} s")
    header = f"{'page type':<20} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8}"
    print(f"{header} | +{args.pages} pages: {'queries':>7} {'p50 ms':>8} {'p95 ms':>8}")
    stable = True
    for name in base:
        q0, p50_0, p95_0 = base[name]
        q1, p50_1, p95_1 = grown[name]
        stable &= q0 == q1
        print(
            f"{name:<20} {q0:>7} {p50_0:>8.1f} {p95_0:>8.1f} | "
            f"{'':>{len(str(args.pages)) + 8}}{q1:>7} {p50_1:>8.1f} {p95_1:>8.1f}"
        )
    print("query counts stable:", "yes" if stable else "NO")
    print_cold_warm("demo site", base, base_warm)
    print_cold_warm(f"+{args.pages} pages", grown, grown_warm)
    return 0 if stable else 1


if __name__ == "__main__":
    sys.exit(main())
