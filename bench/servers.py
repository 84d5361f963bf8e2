"""The portal as production runs it, for the benchmarks that load it over HTTP.

A throw-away PostgreSQL and Redis (the project's scripts), the production settings,
the demo content, gunicorn. Everything started is registered on an ``ExitStack`` and
stopped when it closes.
"""

import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_script(stack, name, state_dir):
    """Runs ``scripts/NAME/start.sh`` and returns the URL it prints; ``stop.sh``
    (with the same state file) runs when ``stack`` closes."""
    env = {**os.environ, f"{name.upper()}_STATE": str(Path(state_dir) / name)}
    url = subprocess.check_output(
        [REPO / "scripts" / name / "start.sh"], env=env, text=True
    ).strip()
    stack.callback(subprocess.run, [REPO / "scripts" / name / "stop.sh"], env=env)
    return url


def production_env(stack, port=None):
    """Production settings on a new PostgreSQL (``DATABASE_URL`` unless set) and
    Redis; search on the database unless ``PORTAL_SEARCH_BACKEND`` says otherwise."""
    state_dir = stack.enter_context(tempfile.TemporaryDirectory())
    database_url = os.environ.get("DATABASE_URL") or start_script(
        stack, "postgres", state_dir
    )
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DATABASE_URL": database_url,
        "PORTAL_CACHE_URL": start_script(stack, "redis", state_dir),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PORTAL_BASE_URL": f"http://127.0.0.1:{port or 8000}",
        "EMAIL_HOST": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "PORTAL_SEARCH_BACKEND": os.environ.get("PORTAL_SEARCH_BACKEND", "database"),
        "MEDIA_ROOT": os.environ.get("MEDIA_ROOT", str(Path(state_dir) / "media")),
    }


def prepare(env, demo=True):
    """Migrates, collects the static files and (``demo``) loads the demo site."""
    commands = [["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"]]
    if demo:
        commands.append(["load_demo_content"])
    for command in commands:
        subprocess.run(
            [PY, "manage.py", *command],
            cwd=REPO,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while True:
        try:
            requests.get(url, timeout=30)
            return
        # A worker's first page can take long on a busy machine: ask again.
        except requests.RequestException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def gunicorn(stack, env, port, workers=2, **overrides):
    """gunicorn serving the portal on ``port`` until ``stack`` closes; ``overrides``
    are added to the environment (e.g. ``PORTAL_PAGE_CACHE_SECONDS="0"``)."""
    server = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=REPO,
        env={**env, **overrides},
    )

    def stop():
        server.terminate()
        server.wait(timeout=30)

    stack.callback(stop)
    wait_for(f"http://127.0.0.1:{port}/nl/")
    return f"http://127.0.0.1:{port}"
