"""Throughput of the page caches: requests/s uncached, cached, at the edge, nginx.

Serves the portal as production does (gunicorn, production settings, PostgreSQL,
Redis, the demo content), loads the home page and a service page with ``wrk`` for a
fixed time, once with the page cache on (every request a hit, checked before), once
through the load balancer of ``make run-full`` (scripts/nginx/run.sh) in front of
that gunicorn, whose edge cache answers (every request an nginx ``HIT``, checked
before), once from a gunicorn with ``PORTAL_PAGE_CACHE_SECONDS=0`` (every request
rendered), and once from nginx serving the same HTML, byte for byte, as a static
file on the same machine. cached/nginx is the app page cache's share of what a
static file server does here, edge/nginx the edge cache's (target: at least 0.25):

    .venv/bin/python bench/cache.py [--duration 10] [--connections 12] [--workers 2]

Starts and stops every service itself; needs Debian's ``nginx``,
``libnginx-mod-http-cache-purge`` and ``wrk`` (installed by
scripts/ensure-packages.sh when run as root).
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit

import requests
from servers import REPO, free_port, gunicorn, prepare, production_env, wait_for

PAGES = {"home page": "/nl/", "service page": "/nl/diensten/toekomstcoach/"}
NGINX_CONF = """\
worker_processes {workers};
daemon off;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {root}/tmp/body;
    proxy_temp_path {root}/tmp/proxy;
    fastcgi_temp_path {root}/tmp/fastcgi;
    uwsgi_temp_path {root}/tmp/uwsgi;
    scgi_temp_path {root}/tmp/scgi;
    default_type text/html;
    server {{
        listen 127.0.0.1:{port};
        root {root}/html;
    }}
}}
"""


def fetch(url):
    response = requests.get(url, timeout=30)
    response.raise_for_status()
    return response.content, response.headers


def wrk(url, duration, connections):
    """Requests per second ``wrk`` reached; stops on errors or non-2xx answers."""
    output = subprocess.run(
        [
            shutil.which("wrk"),
            f"-t{min(connections, 2)}",
            f"-c{connections}",
            f"-d{duration}s",
            # Uncached answers queue behind the workers for longer than the default 2s.
            "--timeout",
            "30s",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    problems = re.findall(r"(Socket errors:.*|Non-2xx or 3xx responses: \d+)", output)
    if problems:
        raise SystemExit(f"wrk {url}: {'; '.join(problems)}\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def start_nginx(stack, workers):
    """nginx unprivileged in the foreground, serving a temporary folder; returns
    the folder (files go under ``html/``) and the base URL."""
    root = Path(stack.enter_context(tempfile.TemporaryDirectory()))
    # nginx's workers may run as another user: they must read the files.
    root.chmod(0o755)
    for folder in ("html", "tmp"):
        (root / folder).mkdir(mode=0o755)
    port = free_port()
    conf = root / "nginx.conf"
    conf.write_text(NGINX_CONF.format(workers=workers, root=root, port=port))
    server = subprocess.Popen(
        [
            shutil.which("nginx"),
            "-p",
            str(root),
            "-c",
            str(conf),
            "-e",
            str(root / "error.log"),
        ]
    )

    def stop():
        server.terminate()
        server.wait(timeout=30)

    stack.callback(stop)
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/")
    return root / "html", base


def start_edge(stack, upstream_port, workers, site_host):
    """The load balancer of ``make run-full``, with its edge cache for the site's
    host name, in front of the gunicorn on ``upstream_port``; returns its base URL."""
    # nginx's workers run as www-data when this runs as root: they must reach it.
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
    folder.chmod(0o755)
    port = free_port()
    server = subprocess.Popen(
        [REPO / "scripts/nginx/run.sh", folder / "nginx", str(port)]
        + [str(upstream_port)],
        env={
            **os.environ,
            "NGINX_WORKER_PROCESSES": str(workers),
            "EDGE_CACHE_HOSTS": site_host,
        },
        start_new_session=True,
    )

    def stop():
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    stack.callback(stop)
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/health/live")
    return base


def fetch_from_edge(url, tries=5):
    """The page as the edge serves it once it has stored it. nginx stores an answer
    after it has passed it on, so the next request can come first: ask again."""
    fetch(url)
    for _ in range(tries):
        body, headers = fetch(url)
        if headers.get("X-Cache-Status") == "HIT":
            break
        time.sleep(0.1)
    return body, headers


def copy_to_nginx(html_root, nginx_base, path, body):
    target = html_root / path.strip("/") / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(body)
    target.chmod(0o644)
    for parent in target.relative_to(html_root).parents:
        (html_root / parent).chmod(0o755)
    served, _headers = fetch(nginx_base + path)
    if served != body:
        raise SystemExit(f"nginx serves other bytes than the portal for {path}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per run")
    parser.add_argument("--connections", type=int, default=12)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn and nginx")
    args = parser.parse_args()
    subprocess.run(
        [
            REPO / "scripts/ensure-packages.sh",
            "nginx",
            "libnginx-mod-http-cache-purge",
            "wrk",
        ],
        check=True,
    )

    figures = {name: {} for name in PAGES}
    sizes = {}
    with ExitStack() as stack:
        port = free_port()
        env = production_env(stack, port)
        prepare(env)
        html_root, nginx = start_nginx(stack, args.workers)

        with ExitStack() as cached:
            base = gunicorn(cached, env, port, args.workers)
            site_host = urlsplit(env["PORTAL_BASE_URL"]).hostname
            edge = start_edge(cached, port, args.workers, site_host)
            for name, path in PAGES.items():
                fetch(base + path)
                body, headers = fetch(base + path)
                if headers["X-Page-Cache"] != "hit":
                    raise SystemExit(f"{path}: X-Page-Cache {headers['X-Page-Cache']}")
                sizes[name] = len(body)
                copy_to_nginx(html_root, nginx, path, body)
                figures[name]["cached"] = wrk(
                    base + path, args.duration, args.connections
                )
                figures[name]["nginx"] = wrk(
                    nginx + path, args.duration, args.connections
                )
                edge_body, headers = fetch_from_edge(edge + path)
                if headers.get("X-Cache-Status") != "HIT" or edge_body != body:
                    raise SystemExit(
                        f"{path}: the edge cache did not serve the page "
                        f"(X-Cache-Status {headers.get('X-Cache-Status')})"
                    )
                figures[name]["edge"] = wrk(
                    edge + path, args.duration, args.connections
                )

        with ExitStack() as uncached:
            base = gunicorn(
                uncached, env, port, args.workers, PORTAL_PAGE_CACHE_SECONDS="0"
            )
            for name, path in PAGES.items():
                _body, headers = fetch(base + path)
                if "X-Page-Cache" in headers:
                    raise SystemExit(f"{path}: cache off, yet X-Page-Cache is sent")
                figures[name]["uncached"] = wrk(
                    base + path, args.duration, args.connections
                )

    print(
        f"gunicorn --workers {args.workers} (production settings, PostgreSQL, Redis) "
        f"and nginx worker_processes {args.workers}, on {os.cpu_count()} CPUs shared "
        f"with wrk; wrk -c{args.connections} -d{args.duration}s per cell"
    )
    header = (
        f"{'page':<14} {'bytes':>7} {'uncached/s':>11} {'cached/s':>9} "
        f"{'edge/s':>9} {'nginx/s':>9} {'cached/uncached':>16} "
        f"{'cached/nginx':>13} {'edge/nginx':>11}"
    )
    print(header)
    met = True
    for name, row in figures.items():
        ratio = row["edge"] / row["nginx"]
        met &= ratio >= 0.25
        print(
            f"{name:<14} {sizes[name]:>7} {row['uncached']:>11.0f} "
            f"{row['cached']:>9.0f} {row['edge']:>9.0f} {row['nginx']:>9.0f} "
            f"{row['cached'] / row['uncached']:>15.1f}x "
            f"{row['cached'] / row['nginx']:>12.2f}x {ratio:>10.2f}x"
        )
    print("cached at the edge / nginx static at least 0.25x:", "yes" if met else "NO")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
