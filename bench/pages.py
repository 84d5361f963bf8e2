"""Render cost of every public page type: SQL queries and p50/p95 render time.

Measures the demo site, then again after ``--pages`` generated services and articles
are added; the query counts must stay the same. Runs on a temporary SQLite database
unless DATABASE_URL names another (for example the PostgreSQL that `make test` uses):

    .venv/bin/python bench/pages.py [--pages 1000] [--runs 50]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure(client, runs):
    from django.db import connection

    figures = {}
    from portal.demo import PAGE_TYPE_URLS

    for name, url in PAGE_TYPE_URLS.items():
        client.get(url, HTTP_HOST="localhost")
        # Counted by a wrapper: the debug query log is capped and would undercount.
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            response = client.get(url, HTTP_HOST="localhost")
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        timings = []
        for _ in range(runs):
            start = time.perf_counter()
            client.get(url, HTTP_HOST="localhost")
            timings.append((time.perf_counter() - start) * 1000)
        quantiles = statistics.quantiles(timings, n=20)
        figures[name] = (counter.count, statistics.median(timings), quantiles[18])
    return figures


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
    base = measure(client, args.runs)
    start = time.perf_counter()
    demo.generate_pages(args.pages)
    generated_in = time.perf_counter() - start
    grown = measure(client, args.runs)

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
    return 0 if stable else 1


if __name__ == "__main__":
    sys.exit(main())
