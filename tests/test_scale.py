"""What two app instances must agree on, behind nginx (the scale tier).

Two gunicorn instances with the production settings share the test run's
PostgreSQL (a copy of the demo database), Redis and S3-compatible object store
(s3s-fs), as production instances share managed services; nginx balances over
them. Each test talks to instance A, instance B or nginx as a browser would.
"""

import io
import json
import os
import re
import secrets
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import boto3
import psycopg
import pytest
import requests
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connection
from PIL import Image

from .cluster import Browser, Cluster, collect_static
from .conftest import CONTACT_URL, DemoDatabase

# django_db: pytest-django sets up the test database (and the demo template the
# cluster's database is copied from) only for a run with database tests.
pytestmark = [pytest.mark.scale, pytest.mark.django_db]

A, B = 0, 1
SERVICE = "/nl/diensten/toekomstcoach/"
PASSWORD = "mee-admin"  # create_dev_users' admin
STARTED = re.compile(r'name="started" value="([^"]+)"')
SCHOOL_TYPE = re.compile(
    r'<select name="school_type"[^>]*>.*?<option value="([^"]+)"', re.S
)
# The demo site's host name (portal.demo takes it from the base URL): what readers
# send behind the load balancer, and what Wagtail's PURGE names.
SITE_HOST = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname
RATE_LIMIT = 4
FAILURE_LIMIT = 3
LOCKED = "Te veel mislukte inlogpogingen"
HOW_TO_START = (
    "The scale tier needs Redis and the object store: export "
    "PORTAL_CACHE_URL=$(scripts/redis/start.sh) and S3_STATE=... before "
    "scripts/s3/start.sh (make test does both)."
)


def s3_state():
    path = os.environ.get("S3_STATE", "")
    if not Path(path).is_file():
        pytest.fail(HOW_TO_START)
    pairs = (line.split("=", 1) for line in Path(path).read_text().splitlines())
    return dict(pair for pair in pairs if len(pair) == 2)


class Store:
    """The bucket of this worker's cluster, read behind the instances' backs."""

    def __init__(self, state, bucket):
        self.endpoint = f"http://127.0.0.1:{state['port']}"
        self.bucket = bucket
        self.client = boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=state["access_key"],
            aws_secret_access_key=state["secret_key"],
            region_name="us-east-1",
        )

    def create(self):
        self.client.create_bucket(Bucket=self.bucket)

    def objects(self):
        answer = self.client.list_objects_v2(Bucket=self.bucket)
        return {item["Key"] for item in answer.get("Contents", [])}


@pytest.fixture(scope="module")
def cluster(django_db_setup, django_db_blocker, smtp_server, tmp_path_factory):
    """Instances A and B and nginx on a copy of the demo database."""
    cache_url = os.environ.get("PORTAL_CACHE_URL", "")
    state = s3_state()
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    number = int(worker.removeprefix("gw"))
    database = f"{connection.settings_dict['NAME']}_scale"
    with django_db_blocker.unblock():
        DemoDatabase.copy(DemoDatabase.template(), database)
    settings = connection.settings_dict
    database_url = (
        f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}"
        f"/{database}"
    )
    store = Store(state, f"scale-{worker}-{uuid.uuid4().hex[:6]}")
    store.create()
    # Redis databases 1.. are the workers' own test caches; the clusters use 10...
    redis_url = f"{cache_url.rsplit('/', 1)[0]}/{10 + number}"
    state_dir = tmp_path_factory.mktemp("cluster")
    media_root = state_dir / "media"
    env = {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DATABASE_URL": database_url,
        "PORTAL_CACHE_URL": redis_url,
        "PORTAL_MEDIA_S3_ENDPOINT_URL": store.endpoint,
        "PORTAL_MEDIA_S3_BUCKET": store.bucket,
        "PORTAL_MEDIA_S3_ACCESS_KEY": state["access_key"],
        "PORTAL_MEDIA_S3_SECRET_KEY": state["secret_key"],
        # Must stay unused: no request may write a file to an instance's disk.
        "MEDIA_ROOT": str(media_root),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PORTAL_BASE_URL": "http://127.0.0.1",
        "EDGE_CACHE_HOSTS": SITE_HOST,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_server.port),
        "EMAIL_USE_TLS": "false",
        "SECURE_SSL_REDIRECT": "false",
        # Search agreement is the engine tier's subject; here the database answers.
        "PORTAL_SEARCH_BACKEND": "database",
        "PORTAL_TRUSTED_PROXY_HEADER": "X-Forwarded-For",
        "PORTAL_TRUSTED_PROXY_COUNT": "1",
        "PORTAL_CONTACT_RATE_LIMIT": f"{RATE_LIMIT}/10m",
        "PORTAL_CONTACT_MIN_FILL_SECONDS": "1",
        "PORTAL_LOGIN_FAILURE_LIMIT": str(FAILURE_LIMIT),
    }
    for variable in ("PORTAL_SEARCH_URL", "PORTAL_ELASTICSEARCH_URL"):
        env[variable] = ""
    instances = Cluster(env, instances=2)
    # nginx is the edge cache: a change purges it there, as in make run-full.
    instances.env["PORTAL_FRONTEND_CACHE_PURGE_URL"] = instances.url
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    collect_static(instances.env)
    token = instances.manage(
        "shell",
        "-c",
        "import io; from django.core.management import call_command as c;"
        " c('create_dev_users', local_production=True, stdout=io.StringIO());"
        " o = io.StringIO(); c('api_tokens', 'create', '--user', 'admin',"
        " '--name', 'scale', stdout=o);"
        " print(o.getvalue().split()[-1])",
    ).split()[-1]
    instances.token = token
    instances.store = store
    instances.database_url = database_url
    instances.media_root = media_root
    try:
        instances.start()
        yield instances
    finally:
        instances.stop()
        with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    assert not media_root.exists(), "a request wrote media to an instance's disk"


@pytest.fixture
def running(cluster):
    """The cluster with both instances up (a test before may have killed one)."""
    for number in (A, B):
        if not cluster.alive(number):
            cluster.start_instance(number)
    return cluster


def query(cluster, sql, *parameters):
    with psycopg.connect(
        cluster.database_url.replace("postgres://", "postgresql://")
    ) as db:
        return db.execute(sql, parameters).fetchall()


def sign_in(cluster, username="admin", password=PASSWORD, address="192.0.2.10"):
    """Signs in with the form of instance A, posted to instance B."""
    browser = Browser(address)
    token = browser.csrf_token(f"{cluster.instance_url(A)}/admin/login/")
    response = browser.post(
        f"{cluster.instance_url(B)}/admin/login/",
        {"csrfmiddlewaretoken": token, "username": username, "password": password},
    )
    assert response.status_code == 302, response.text[:500]
    return browser


def no_local_media(cluster):
    assert not cluster.media_root.exists()


def test_health_answers_on_every_instance_and_through_nginx(running):
    for url in (running.instance_url(A), running.instance_url(B), running.url):
        live = requests.get(f"{url}/health/live", timeout=10)
        assert live.json() == {"status": "live"}
        ready = requests.get(f"{url}/health/ready", timeout=10)
        answer = ready.json()
        assert ready.status_code == 200 and answer["status"] == "ready"
        assert set(answer["checks"]) == {
            "database",
            "cache:default",
            "cache:pages",
            "storage:default",
            "storage:renditions",
        }
        assert all(check["ok"] for check in answer["checks"].values())
        assert answer["search"]["state"] == "database"
        for response in (live, ready):
            assert "X-Page-Cache" not in response.headers
            assert "Content-Security-Policy" not in response.headers
            assert response.headers["Cache-Control"] == "no-store"


def test_session_and_csrf_hold_across_instances(running):
    browser = sign_in(running)
    for number in (A, B, A):
        dashboard = browser.get(f"{running.instance_url(number)}/admin/")
        assert dashboard.status_code == 200
        # The sidebar's account menu, which only a signed-in user gets.
        assert "/admin/logout/" in dashboard.text
    # A form of B posted to A, and the other way round.
    name = f"Schaal {uuid.uuid4().hex[:6]}"
    for source, target, suffix in ((B, A, "een"), (A, B, "twee")):
        token = browser.csrf_token(
            f"{running.instance_url(source)}/admin/collections/add/"
        )
        created = browser.post(
            f"{running.instance_url(target)}/admin/collections/add/",
            {"csrfmiddlewaretoken": token, "name": f"{name} {suffix}", "parent": "1"},
        )
        assert created.status_code == 302, created.text[:500]
    listing = browser.get(f"{running.instance_url(A)}/admin/collections/")
    assert f"{name} een" in listing.text and f"{name} twee" in listing.text


def png(width=640, height=480):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (0, 120, 80)).save(buffer, "PNG")
    return buffer.getvalue()


def test_image_uploaded_on_one_instance_is_served_with_renditions_by_the_other(
    running,
):
    browser = sign_in(running)
    title = f"Schaalfoto {uuid.uuid4().hex[:6]}"
    token = browser.csrf_token(f"{running.instance_url(A)}/admin/images/add/")
    uploaded = browser.post(
        f"{running.instance_url(A)}/admin/images/add/",
        {
            "csrfmiddlewaretoken": token,
            "title": title,
            "description": "Een groen vlak",
            "collection": "1",
        },
        files={"file": ("schaal.png", png(), "image/png")},
    )
    assert uploaded.status_code == 302, uploaded.text[:1000]
    [(image_id, file_name)] = query(
        running, "SELECT id, file FROM wagtailimages_image WHERE title = %s", title
    )
    assert file_name in running.store.objects()

    answer = requests.get(
        f"{running.instance_url(B)}/api/v3/images/{image_id}/renditions/", timeout=30
    )
    assert answer.status_code == 200, answer.text[:500]
    renditions = answer.json()["renditions"]
    assert set(renditions) == {"thumbnail", "medium", "large"}
    assert (renditions["thumbnail"]["width"], renditions["thumbnail"]["height"]) == (
        400,
        300,
    )
    for rendition in renditions.values():
        assert rendition["url"].startswith(running.store.endpoint)
        served = requests.get(rendition["url"], timeout=30)
        assert served.status_code == 200
        width, height = Image.open(io.BytesIO(served.content)).size
        assert (width, height) == (rendition["width"], rendition["height"])
    stored = running.store.objects()
    assert any(key.startswith("images/") for key in stored)
    no_local_media(running)


def test_private_document_goes_through_the_serve_view_to_a_presigned_url(running):
    browser = sign_in(running)
    name = f"Besloten {uuid.uuid4().hex[:6]}"
    token = browser.csrf_token(f"{running.instance_url(A)}/admin/collections/add/")
    browser.post(
        f"{running.instance_url(A)}/admin/collections/add/",
        {"csrfmiddlewaretoken": token, "name": name, "parent": "1"},
    )
    [(collection_id,)] = query(
        running, "SELECT id FROM wagtailcore_collection WHERE name = %s", name
    )
    token = browser.csrf_token(f"{running.instance_url(B)}/admin/collections/add/")
    restricted = browser.post(
        f"{running.instance_url(B)}/admin/collections/{collection_id}/privacy/",
        {"csrfmiddlewaretoken": token, "restriction_type": "login"},
    )
    assert restricted.status_code == 200, restricted.text[:500]
    assert query(
        running,
        "SELECT restriction_type FROM wagtailcore_collectionviewrestriction"
        " WHERE collection_id = %s",
        collection_id,
    ) == [("login",)]

    content = b"Alleen voor medewerkers.\n" * 20
    token = browser.csrf_token(f"{running.instance_url(A)}/admin/documents/add/")
    uploaded = browser.post(
        f"{running.instance_url(A)}/admin/documents/add/",
        {"csrfmiddlewaretoken": token, "title": name, "collection": collection_id},
        files={"file": ("intern.txt", content, "text/plain")},
    )
    assert uploaded.status_code == 302, uploaded.text[:1000]
    [(document_id, file_name)] = query(
        running, "SELECT id, file FROM wagtaildocs_document WHERE title = %s", name
    )
    path = f"/documents/{document_id}/{Path(file_name).name}"

    anonymous = requests.get(
        f"{running.instance_url(B)}{path}", allow_redirects=False, timeout=30
    )
    assert anonymous.status_code == 302
    assert "/login/" in anonymous.headers["Location"]
    assert running.store.endpoint not in anonymous.headers["Location"]
    # The object itself is private: its plain URL is refused by the store.
    plain = requests.get(
        f"{running.store.endpoint}/{running.store.bucket}/{file_name}", timeout=30
    )
    assert plain.status_code == 403

    signed_in = browser.get(f"{running.instance_url(B)}{path}")
    assert signed_in.status_code == 302
    location = signed_in.headers["Location"]
    assert location.startswith(f"{running.store.endpoint}/{running.store.bucket}/")
    assert "X-Amz-Signature=" in location and "X-Amz-Expires=300" in location
    assert requests.get(location, timeout=30).content == content
    no_local_media(running)


def publish_new_title_on_a(running):
    """Gives the service a new title through instance A's API and publishes it."""
    resolved = requests.get(
        f"{running.instance_url(A)}/api/v3/resolve/",
        params={"path": SERVICE},
        timeout=30,
    ).json()
    new_title = f"Toekomstcoach {uuid.uuid4().hex[:6]}"
    published = requests.patch(
        f"{running.instance_url(A)}/api/v3/pages/{resolved['id']}/",
        data=json.dumps(
            {
                "meta": {"type": resolved["meta"]["type"], "action": "publish"},
                "title": new_title,
            }
        ),
        headers={
            "Authorization": f"Bearer {running.token}",
            "Content-Type": "application/json",
        },
        timeout=60,
    )
    assert published.status_code == 200, published.text[:1000]
    return new_title


def test_page_published_on_one_instance_is_fresh_on_the_other_at_once(running):
    def read(number):
        # Behind the load balancer every instance sees the site's own host name.
        return requests.get(
            f"{running.instance_url(number)}{SERVICE}",
            headers={"Host": SITE_HOST},
            timeout=30,
        )

    def title(response):
        return BeautifulSoup(response.text, "html.parser").h1.get_text(strip=True)

    first, again = read(B), read(B)
    assert title(first) == "Toekomstcoach"
    assert again.headers["X-Page-Cache"] == "hit" and title(again) == "Toekomstcoach"
    # Instance A serves the page B rendered: the page cache is one.
    from_a = read(A)
    assert from_a.headers["X-Page-Cache"] == "hit" and from_a.text == first.text

    new_title = publish_new_title_on_a(running)

    fresh = read(B)
    assert fresh.headers["X-Page-Cache"] == "miss"
    assert title(fresh) == new_title
    assert title(read(A)) == new_title


def test_nginx_edge_cache_serves_public_pages_and_is_purged_at_once(running):
    def through_nginx(path, browser=None, **headers):
        # The site's host name, as a reader's browser sends it and Wagtail's PURGE.
        headers.setdefault("Host", SITE_HOST)
        if browser is not None:
            return browser.get(f"{running.url}{path}", headers=headers)
        return requests.get(f"{running.url}{path}", headers=headers, timeout=30)

    def title(response):
        return BeautifulSoup(response.text, "html.parser").h1.get_text(strip=True)

    first = through_nginx(SERVICE)
    again = through_nginx(SERVICE)
    assert first.status_code == again.status_code == 200
    assert again.headers["X-Cache-Status"] == "HIT"
    assert again.text == first.text

    new_title = publish_new_title_on_a(running)
    # The publish purged nginx before it answered: the next read is the new page.
    fresh = through_nginx(SERVICE)
    assert fresh.headers["X-Cache-Status"] == "MISS"
    assert title(fresh) == new_title
    cached = through_nginx(SERVICE)
    assert cached.headers["X-Cache-Status"] == "HIT"
    assert title(cached) == new_title

    # An editor's session is never answered from the edge cache, nor stored in it.
    editor = sign_in(running)
    for _ in range(2):
        own = through_nginx(SERVICE, browser=editor)
        assert own.headers["X-Cache-Status"] == "BYPASS"
        assert "wagtail-userbar" in own.text
    anonymous = through_nginx(SERVICE)
    assert anonymous.headers["X-Cache-Status"] == "HIT"
    assert "wagtail-userbar" not in anonymous.text
    with_token = through_nginx(SERVICE, Authorization=f"Bearer {running.token}")
    assert with_token.headers["X-Cache-Status"] == "BYPASS"

    # Another name the portal answers to is never kept: Wagtail purges the page at
    # the site's name only, so such a copy would outlive the next publication.
    other_name = next(name for name in ("localhost", "127.0.0.1") if name != SITE_HOST)
    for _ in range(2):
        other = through_nginx(SERVICE, Host=other_name)
        assert other.status_code == 200 and other.headers["X-Cache-Status"] == "BYPASS"
    newer_title = publish_new_title_on_a(running)
    assert title(through_nginx(SERVICE, Host=other_name)) == newer_title

    # Answers the page cache does not mark shareable are never kept at the edge.
    for path in (CONTACT_URL, "/nl/search/?query=coach"):
        statuses = [through_nginx(path).headers["X-Cache-Status"] for _ in range(2)]
        assert statuses == ["MISS", "MISS"], path
    for path in ("/api/v3/pages/", "/health/live"):
        answers = [through_nginx(path) for _ in range(2)]
        assert all(answer.status_code == 200 for answer in answers), path
        assert all("X-Cache-Status" not in answer.headers for answer in answers), path


def contact_form(browser, url):
    response = browser.get(url)
    assert response.status_code == 200
    return {
        "csrfmiddlewaretoken": re.search(
            r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text
        ).group(1),
        "started": STARTED.search(response.text).group(1),
        "school_type": SCHOOL_TYPE.search(response.text).group(1),
        "contact_name": "Sanne de Vries",
        "role": "Intern begeleider",
        "email": "ib@regenboog.example.org",
        "postcode": "9711 AB",
        "question": "Wij zoeken ondersteuning voor een groep leerlingen.",
        "consent": "on",
    }


def stored_requests(cluster, prefix):
    return sorted(
        name
        for (name,) in query(
            cluster,
            "SELECT school_name FROM contact_contactrequest WHERE school_name LIKE %s",
            f"{prefix}%",
        )
    )


def test_contact_rate_limit_counts_across_instances(running):
    browser = Browser("203.0.113.77")
    prefix = f"Tally {uuid.uuid4().hex[:6]}"
    forms = [
        contact_form(browser, f"{running.instance_url(n % 2)}{CONTACT_URL}")
        for n in range(RATE_LIMIT + 1)
    ]
    time.sleep(1.2)  # the form's minimum fill time
    statuses = []
    for n, form in enumerate(forms):
        target = running.instance_url((n + 1) % 2)
        response = browser.post(
            f"{target}{CONTACT_URL}", {**form, "school_name": f"{prefix} {n}"}
        )
        statuses.append(response.status_code)
    assert statuses == [302] * RATE_LIMIT + [429]
    assert "Retry-After" in response.headers
    assert stored_requests(running, prefix) == [
        f"{prefix} {n}" for n in range(RATE_LIMIT)
    ]


def test_login_lockout_counts_across_instances(running):
    browser = Browser("198.51.100.23")
    statuses = []
    for n in range(FAILURE_LIMIT):
        url = f"{running.instance_url(n % 2)}/admin/login/"
        token = browser.csrf_token(url)
        response = browser.post(
            url,
            {"csrfmiddlewaretoken": token, "username": "redacteur", "password": "fout"},
        )
        statuses.append(response.status_code)
    assert statuses[0] == 200
    url = f"{running.instance_url(FAILURE_LIMIT % 2)}/admin/login/"
    token = browser.csrf_token(url)
    locked = browser.post(
        url,
        {
            "csrfmiddlewaretoken": token,
            "username": "redacteur",
            "password": "mee-redactie",
        },
        headers={"Accept-Language": "nl"},
    )
    assert locked.status_code == 429
    assert LOCKED in locked.text
    # Another address is not affected: the lock is per account and address.
    sign_in(running, "redacteur", "mee-redactie", address="198.51.100.24")


def test_contact_request_is_served_by_the_other_instance_while_one_is_dead(running):
    browser = Browser()
    prefix = f"Uitval {uuid.uuid4().hex[:6]}"
    running.kill(A)
    assert not running.alive(A)
    # nginx tries A first for some of these, fails to connect and passes them on.
    posts = 3
    forms = [contact_form(browser, f"{running.url}{CONTACT_URL}") for _ in range(posts)]
    time.sleep(1.2)
    for n, form in enumerate(forms):
        response = browser.post(
            f"{running.url}{CONTACT_URL}", {**form, "school_name": f"{prefix} {n}"}
        )
        assert response.status_code == 302, response.text[:500]
        thanks = browser.get(f"{running.url}{response.headers['Location']}")
        assert thanks.status_code == 200
    assert stored_requests(running, prefix) == [f"{prefix} {n}" for n in range(posts)]
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{running.instance_url(A)}/health/live", timeout=5)
    running.start_instance(A)
    assert requests.get(f"{running.instance_url(A)}/health/live", timeout=10).ok
