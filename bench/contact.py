"""Load on the contact form: 1,000 requests at concurrency 20; nothing may be lost.

Starts its own PostgreSQL, Redis and a gunicorn server with the production settings
(or uses ``--url`` and ``DATABASE_URL`` of a running one), loads the demo site, fetches
one form per request, waits the minimum fill time, then posts them all and checks the
database:

    .venv/bin/python bench/contact.py [--requests 1000] [--concurrency 20]

accepted = answered with the redirect to the thank-you page; rejected = answered with
a clear refusal (400, 429); lost = sent but neither stored nor clearly refused. The
rate limit is raised for the run (``--rate``), since all requests come from one address.
"""

import argparse
import os
import re
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

import requests
import servers
from figures import p50_p95

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STARTED = re.compile(r'name="started" value="([^"]+)"')
SCHOOL_TYPE = re.compile(
    r'<select name="school_type"[^>]*>.*?<option value="([^"]+)"', re.S
)


def start_server(stack, port, rate):
    """gunicorn with the production settings on a new PostgreSQL and Redis
    (``bench/servers.py``), the demo site loaded; stopped when ``stack`` closes."""
    env = servers.production_env(stack, port)
    env["PORTAL_CONTACT_RATE_LIMIT"] = rate
    servers.prepare(env)
    # stored() reads the requests from the same database.
    os.environ["DATABASE_URL"] = env["DATABASE_URL"]
    return servers.gunicorn(stack, env, port, workers=4)


def fetch_form(url):
    response = requests.get(url, timeout=30)
    response.raise_for_status()
    return {
        "cookie": f"csrftoken={response.cookies['csrftoken']}",
        "csrf": CSRF.search(response.text).group(1),
        "started": STARTED.search(response.text).group(1),
        "school_type": SCHOOL_TYPE.search(response.text).group(1),
    }


def post(url, form, number, run_id):
    data = {
        "csrfmiddlewaretoken": form["csrf"],
        "started": form["started"],
        "school_name": f"Bench {run_id} {number:05d}",
        "contact_name": "Bench",
        "role": "Bench",
        "email": "bench@example.org",
        "postcode": "9711 AB",
        "school_type": form["school_type"],
        "question": "Belasting van het formulier.",
        "consent": "on",
    }
    # The production CSRF cookie is Secure; on plain loopback HTTP it is sent by hand.
    headers = {"Cookie": form["cookie"]}
    start = time.perf_counter()
    try:
        response = requests.post(
            url, data=data, headers=headers, allow_redirects=False, timeout=60
        )
        status = response.status_code
    except requests.RequestException:
        status = None
    return status, (time.perf_counter() - start) * 1000


def stored(run_id):
    import psycopg

    url = os.environ["DATABASE_URL"].replace("postgres://", "postgresql://")
    with psycopg.connect(url) as connection:
        row = connection.execute(
            "SELECT count(*) FROM contact_contactrequest WHERE school_name LIKE %s",
            (f"Bench {run_id} %",),
        ).fetchone()
    return row[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument(
        "--url", help="a running portal; DATABASE_URL must name its database"
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--rate", default="100000/m", help="rate limit for the started server"
    )
    args = parser.parse_args()

    with ExitStack() as stack:
        base = args.url or start_server(stack, args.port, args.rate)
        return load(base, args)


def load(base, args):
    form_url = f"{base}/nl/contact/"
    run_id = uuid.uuid4().hex[:8]
    with ThreadPoolExecutor(args.concurrency) as pool:
        forms = list(pool.map(lambda _: fetch_form(form_url), range(args.requests)))
        time.sleep(3.5)  # the form's minimum fill time
        started = time.perf_counter()
        results = list(
            pool.map(
                lambda n: post(form_url, forms[n], n, run_id), range(args.requests)
            )
        )
        elapsed = time.perf_counter() - started
    accepted = sum(1 for status, _ in results if status == 302)
    rejected = sum(1 for status, _ in results if status in (400, 429))
    in_database = stored(run_id)
    lost = args.requests - rejected - in_database
    p50, p95 = p50_p95([ms for _, ms in results])
    others = sorted({s for s, _ in results if s not in (302, 400, 429)}, key=str)
    print(f"server: {base}; {args.requests} posts at concurrency {args.concurrency}")
    print(f"accepted {accepted}, rejected {rejected}, stored {in_database}")
    print(f"lost {lost}")
    if others:
        print(f"other answers: {others}")
    print(f"latency p50 {p50:.0f} ms, p95 {p95:.0f} ms")
    print(f"throughput {args.requests / elapsed:.0f} requests/s")
    return 0 if lost == 0 and accepted == in_database else 1


if __name__ == "__main__":
    sys.exit(main())
