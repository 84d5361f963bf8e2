"""One app instance against two, behind nginx, and what clients see when one dies.

Starts its own PostgreSQL, Redis and object store (s3s-fs), loads the demo site,
then serves it with the production settings from one instance behind nginx and
from two (tests/cluster.py, as `PORTAL_INSTANCES=2 make run-full` does), and prints
requests per second for a cached page (the page cache answers) and an uncached one
(rendered for each request: the reader sends a session cookie). Then, while clients
keep reading through nginx, it kills one instance and starts it again, and prints
the failed requests the clients saw (the target is 0):

    .venv/bin/python bench/scale.py [--seconds 10] [--concurrency 8] [--workers 2]

Both instances run on this one machine, so two share its cores: the figures show
the cost of the load balancer and what one more instance adds here, not what a
second machine would add.
"""

import argparse
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from servers import start_script  # noqa: E402

from tests.cluster import Cluster, collect_static  # noqa: E402

PAGE = "/nl/diensten/toekomstcoach/"
# A session cookie keeps the page cache out: the page is rendered every time.
UNCACHED = {"Cookie": "sessionid=bench-reader"}


def services(stack, state_dir):
    """PostgreSQL, Redis and the object store, stopped when ``stack`` closes; the
    environment the instances get."""
    database_url = start_script(stack, "postgres", state_dir)
    cache_url = start_script(stack, "redis", state_dir)
    s3_url = start_script(stack, "s3", state_dir)
    s3 = dict(
        line.split("=", 1) for line in (state_dir / "s3").read_text().splitlines()
    )
    return {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DATABASE_URL": database_url,
        "PORTAL_CACHE_URL": cache_url,
        "PORTAL_MEDIA_S3_ENDPOINT_URL": s3_url,
        "PORTAL_MEDIA_S3_BUCKET": s3["bucket"],
        "PORTAL_MEDIA_S3_ACCESS_KEY": s3["access_key"],
        "PORTAL_MEDIA_S3_SECRET_KEY": s3["secret_key"],
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PORTAL_BASE_URL": "http://localhost",
        "EMAIL_HOST": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "PORTAL_TRUSTED_PROXY_HEADER": "X-Forwarded-For",
        # Pages, not search, are measured; the engine would only add load.
        "PORTAL_SEARCH_BACKEND": "database",
        "PORTAL_SEARCH_URL": "",
    }


class Load:
    """Clients reading one URL as fast as they can; counts answers and failures."""

    def __init__(self, url, headers, concurrency):
        self.url, self.headers, self.concurrency = url, headers, concurrency
        self.ok = self.failed = 0
        self.errors = {}
        self.lock = threading.Lock()
        self.running = False

    def client(self):
        session = requests.Session()
        while self.running:
            try:
                response = session.get(self.url, headers=self.headers, timeout=30)
                good = response.status_code == 200
                error = f"HTTP {response.status_code}"
            except requests.RequestException as exception:
                good, error = False, type(exception).__name__
            with self.lock:
                if good:
                    self.ok += 1
                else:
                    self.failed += 1
                    self.errors[error] = self.errors.get(error, 0) + 1

    def run(self, seconds, during=None):
        self.running = True
        with ThreadPoolExecutor(self.concurrency) as pool:
            for _ in range(self.concurrency):
                pool.submit(self.client)
            started = time.perf_counter()
            if during:
                during()
            time.sleep(max(0, seconds - (time.perf_counter() - started)))
            self.running = False
        return self.ok / (time.perf_counter() - started)


def measure(cluster, seconds, concurrency):
    figures = {}
    for name, headers in (("cached", {}), ("uncached", UNCACHED)):
        # Warm up: the first render fills the page cache and the workers' imports.
        for _ in range(3):
            requests.get(f"{cluster.url}{PAGE}", headers=headers, timeout=30)
        load = Load(f"{cluster.url}{PAGE}", headers, concurrency)
        figures[name] = (load.run(seconds), load.failed)
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args()

    with ExitStack() as stack:
        state_dir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        env = services(stack, state_dir)
        for command in (["migrate", "-v0"], ["load_demo_content"]):
            subprocess.run(
                [sys.executable, "manage.py", *command],
                cwd=REPO,
                env={**os.environ, **env},
                check=True,
                stdout=subprocess.DEVNULL,
            )
        collect_static({**os.environ, **env})
        print(
            f"{PAGE}, {args.concurrency} clients for {args.seconds:.0f} s each, "
            f"{args.workers} gunicorn workers per instance, {os.cpu_count()} cores, "
            "through nginx"
        )
        print(f"{'instances':>9}  {'cached req/s':>12}  {'uncached req/s':>14}  failed")
        for instances in (1, 2):
            cluster = Cluster(env, instances=instances, workers=args.workers, threads=1)
            try:
                cluster.start()
                figures = measure(cluster, args.seconds, args.concurrency)
                print(
                    f"{instances:>9}  {figures['cached'][0]:>12.0f}  "
                    f"{figures['uncached'][0]:>14.0f}  "
                    f"{figures['cached'][1] + figures['uncached'][1]}"
                )
                if instances == 2:
                    outage(cluster, args)
            finally:
                cluster.stop()
    return 0


def outage(cluster, args):
    """Reads (cached and uncached) through nginx while instance A is killed and
    started again; prints what the clients saw."""
    seconds = max(args.seconds * 2, 20)
    loads = [
        Load(f"{cluster.url}{PAGE}", headers, args.concurrency // 2 or 1)
        for headers in ({}, UNCACHED)
    ]
    events = []

    def kill_and_restart():
        time.sleep(seconds / 4)
        cluster.kill(0)
        events.append(f"killed A at {seconds / 4:.0f} s")
        time.sleep(seconds / 4)
        restarted = time.perf_counter()
        cluster.start_instance(0)
        events.append(
            f"restarted A at {seconds / 2:.0f} s, ready after "
            f"{time.perf_counter() - restarted:.1f} s"
        )

    chaos = threading.Thread(target=kill_and_restart)
    with ThreadPoolExecutor(len(loads)) as pool:
        chaos.start()
        results = list(pool.map(lambda load: load.run(seconds), loads))
        chaos.join()
    ok = sum(load.ok for load in loads)
    failed = sum(load.failed for load in loads)
    errors = {}
    for load in loads:
        for error, count in load.errors.items():
            errors[error] = errors.get(error, 0) + count
    print(
        f"outage: {seconds:.0f} s through nginx on 2 instances ({'; '.join(events)}): "
        f"{ok} answered, {failed} failed"
        + (f" {errors}" if errors else "")
        + f", {sum(results):.0f} req/s"
    )


if __name__ == "__main__":
    sys.exit(main())
