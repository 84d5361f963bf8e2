"""Production settings fail fast on missing secrets and pass Django's deploy check."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "k3#Jq9!vZ2@pL8$wX5^mN1&bR7*tY4(hC6)dF0_gS3+eA9=uW2~iO5",
    "ALLOWED_HOSTS": "portal.example.org",
    "DATABASE_URL": "postgres://portal@127.0.0.1:5432/portal",
    "PORTAL_BASE_URL": "https://portal.example.org",
    "EMAIL_HOST": "smtp.example.org",
    "PORTAL_SEARCH_BACKEND": "elasticsearch8",
    "PORTAL_SEARCH_URL": "https://search.example.org:9200",
    "PORTAL_CACHE_URL": "redis://cache.example.org:6379/0",
}


def run_manage(*args, **env_changes):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in PRODUCTION_ENV and key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(PRODUCTION_ENV)
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_passes_without_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    "missing",
    [
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "PORTAL_BASE_URL",
        "EMAIL_HOST",
        "PORTAL_SEARCH_BACKEND",
        "PORTAL_SEARCH_URL",
        "PORTAL_CACHE_URL",
    ],
)
def test_a_missing_security_value_stops_start_up(missing):
    result = run_manage("check", **{missing: None})
    assert result.returncode != 0
    assert missing in result.stderr


def test_a_weak_secret_key_is_refused():
    result = run_manage("check", SECRET_KEY="django-insecure-short")
    assert result.returncode != 0
    assert "at least 50 characters" in result.stderr
