"""Several app instances behind nginx, as production runs them, on this machine.

Each instance is a gunicorn of its own (its own process group, port and memory)
with the production settings; they share only what production shares: PostgreSQL,
Redis, the S3-compatible object store and the secret key. nginx balances over them
(scripts/nginx/run.sh). Used by the scale tier (tests/test_scale.py) and
bench/scale.py.
"""

import fcntl
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(check, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{what} within {seconds} s")


def collect_static(env):
    """The production settings serve static files from a manifest: collect them
    once, one process at a time (xdist workers and a bench may start together)."""
    lock_path = Path(tempfile.gettempdir()) / f"mee-collectstatic-{os.getuid()}.lock"
    with lock_path.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=REPO,
            env=env,
            check=True,
        )


class Cluster:
    """``instances`` gunicorns and nginx; ``url`` is the load balancer's address,
    ``instance_url(n)`` instance n's own."""

    def __init__(self, env, instances=2, workers=1, threads=4):
        self.env = {**os.environ, **env}
        self.workers = workers
        self.threads = threads
        # nginx runs as www-data when the tests run as root: its folder must be one
        # that user can reach, not under pytest's private temporary folders.
        self.nginx_dir = Path(tempfile.mkdtemp(prefix="mee-nginx-"))
        self.nginx_dir.chmod(0o755)
        self.ports = [free_port() for _ in range(instances)]
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.processes = {}
        self.nginx = None

    def instance_url(self, number):
        return f"http://127.0.0.1:{self.ports[number]}"

    def manage(self, *arguments):
        return subprocess.run(
            [PYTHON, "manage.py", *arguments],
            cwd=REPO,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def start_instance(self, number, wait=True):
        self.processes[number] = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.ports[number]}",
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
                "--log-level",
                "warning",
            ],
            cwd=REPO,
            env=self.env,
            # Its own process group: killing the instance kills master and workers.
            start_new_session=True,
        )
        if wait:
            self.wait_ready(number)

    def wait_ready(self, number):
        url = f"{self.instance_url(number)}/health/ready"

        def ready():
            if self.processes[number].poll() is not None:
                raise RuntimeError(f"instance {number} exited while starting")
            return requests.get(url, timeout=5).status_code == 200

        wait_until(ready, 90, f"instance {number} was not ready")

    def kill(self, number):
        """Kills instance ``number`` at once, as a crashed machine would go."""
        process = self.processes[number]
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def alive(self, number):
        return self.processes[number].poll() is None

    def start(self):
        for number in range(len(self.ports)):
            self.start_instance(number, wait=False)
        for number in range(len(self.ports)):
            self.wait_ready(number)
        self.nginx = subprocess.Popen(
            [
                REPO / "scripts/nginx/run.sh",
                self.nginx_dir,
                str(self.port),
                *map(str, self.ports),
            ],
            cwd=REPO,
            # EDGE_CACHE_HOSTS: the site's host names, which the edge caches.
            env=self.env,
            start_new_session=True,
        )

        def answers():
            if self.nginx.poll() is not None:
                raise RuntimeError("nginx exited while starting")
            return requests.get(f"{self.url}/health/live", timeout=5).ok

        wait_until(answers, 30, "nginx did not answer")
        return self

    def stop(self):
        for process in [*self.processes.values(), self.nginx]:
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in [*self.processes.values(), self.nginx]:
            if process is None:
                continue
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        shutil.rmtree(self.nginx_dir, ignore_errors=True)


class Browser:
    """A user agent with its own cookies, which it sends to every instance alike.

    Production cookies are ``Secure``; the cluster speaks plain HTTP on loopback, so
    the cookies are kept and sent by hand rather than by requests' cookie jar.
    """

    def __init__(self, address=None):
        self.cookies = {}
        # The client address the instances see (they trust X-Forwarded-For).
        self.address = address

    def request(self, method, url, headers=None, **options):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.address:
            headers["X-Forwarded-For"] = self.address
        options.setdefault("allow_redirects", False)
        timeout = options.pop("timeout", 60)
        response = requests.request(
            method, url, headers=headers, timeout=timeout, **options
        )
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value
        return response

    def get(self, url, **options):
        return self.request("GET", url, **options)

    def post(self, url, data=None, **options):
        return self.request("POST", url, data=data, **options)

    def csrf_token(self, url):
        """The CSRF token of the form at ``url`` (and the cookie that goes with it)."""
        response = self.get(url)
        response.raise_for_status()
        return CSRF.search(response.text).group(1)
