"""Office privacy on every admin screen an office user can reach.

An administrator works a request routed to MEE Amstel en Zaan (status, assignment,
note); the office user of MEE Groningen then walks the whole admin: every link from
the dashboard on, plus the history, report, search, log and export URLs that are not
linked. No answer may carry the other office's reference or school name.
"""

import csv
import io
import zipfile
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from contact.factories import ContactRequestFactory
from contact.models import ContactRequest
from tests.contact_helpers import make_user, office, team_member

pytestmark = pytest.mark.django_db

THEIR_REFERENCE = "AMZ0417"
THEIR_SCHOOL = "Basisschool De Zaanse Wiek"
OUR_REFERENCE = "GRO0311"
OUR_SCHOOL = "OBS Het Hoogeland"
SECRETS = (THEIR_REFERENCE, THEIR_SCHOOL)
# Searches use part of each, so that a search box echoing the query is no leak.
THEIR_REFERENCE_PART = "AMZ04"
# Enough for every screen an office user has; a runaway crawl fails loudly instead.
MAX_URLS = 400
# Sort orders and page numbers of one listing show the same rows in another order.
VARIANTS_PER_PATH = 4
NEVER_FOLLOW = ("/admin/logout/",)


@pytest.fixture
def offices(demo_site):
    return office("mee-groningen"), office("mee-amstel-en-zaan")


@pytest.fixture
def administrator(db):
    return make_user("beheerder", is_superuser=True, is_staff=True)


@pytest.fixture
def requests(offices, administrator, client):
    groningen, amstel = offices
    ours = ContactRequestFactory(
        office=groningen, reference=OUR_REFERENCE, school_name=OUR_SCHOOL
    )
    theirs = ContactRequestFactory(
        office=amstel, reference=THEIR_REFERENCE, school_name=THEIR_SCHOOL
    )
    colleague = team_member(amstel, "zaankanter")
    client.force_login(administrator)
    # The administrator works both requests through the inbox, as reproduction 5.
    for request, assignee in ((theirs, colleague), (ours, None)):
        response = client.post(
            reverse("contact_requests:edit", args=[request.pk]),
            {
                "status": ContactRequest.Status.IN_PROGRESS,
                "assigned_to": assignee.pk if assignee else "",
                "new_note": "Gebeld met de school.",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    return ours, theirs


@pytest.fixture
def office_client(client, offices, requests):
    client.force_login(team_member(offices[0], "groningen"))
    return client


def admin_links(base_url, html):
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(["a", "form"]):
        target = tag.get("href") if tag.name == "a" else tag.get("action")
        if tag.name == "form" and (tag.get("method") or "get").lower() != "get":
            continue
        if not target or target.startswith(("#", "mailto:", "javascript:")):
            continue
        url = urljoin(base_url, target)
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver") or not parts.path.startswith(
            "/admin/"
        ):
            continue
        yield parts.path + (f"?{parts.query}" if parts.query else "")
    # Choosers, listings and panels fetch their contents from data-* URLs.
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            if (
                name.startswith("data-")
                and name.endswith("-url-value")
                and isinstance(value, str)
                and value.startswith("/admin/")
            ):
                yield value


def crawl(client, start_urls):
    """Every admin URL reachable from ``start_urls``: {url: response body}.

    The start URLs are all fetched; of the links found, a few variants per path.
    """
    seen, bodies, variants = set(), {}, {}
    queue = [(url, True) for url in start_urls]
    while queue:
        url, seed = queue.pop(0)
        if url in seen or url.startswith(NEVER_FOLLOW):
            continue
        path = urlsplit(url).path
        if not seed and "?" in url and variants.get(path, 0) >= VARIANTS_PER_PATH:
            continue
        seen.add(url)
        variants[path] = variants.get(path, 0) + 1
        assert len(seen) <= MAX_URLS, "the crawl does not end"
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="nl")
        body = b"".join(response) if response.streaming else response.content
        text = readable(body)
        bodies[url] = text
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            queue.extend((link, False) for link in admin_links(url, text))
    return bodies


def known_urls(offices, requests, administrator):
    groningen, amstel = offices
    ours, theirs = requests
    content_type = ContentType.objects.get_for_model(ContactRequest).pk
    history = reverse("wagtailadmin_reports:site_history")
    inbox = reverse("contact_requests:index")
    urls = [
        reverse("wagtailadmin_home"),
        history,
        f"{history}?export=csv",
        f"{history}?export=xlsx",
        f"{history}?q={THEIR_REFERENCE_PART}",
        f"{history}?user={administrator.pk}",
        f"{history}?object_type={content_type}",
        f"{history}?action=wagtail.edit",
        f"{history}?object_type={content_type}&export=csv",
        reverse("wagtailadmin_reports:site_history_results"),
        inbox,
        f"{inbox}?q={THEIR_REFERENCE_PART}",
        f"{inbox}?q=Zaanse",
        f"{inbox}?office={amstel.pk}",
        f"{inbox}?export=csv",
        f"{inbox}?export=xlsx",
        f"{inbox}?office={amstel.pk}&export=csv",
        reverse("contact_requests:index_results") + f"?q={THEIR_REFERENCE_PART}",
        reverse("contact_requests:edit", args=[theirs.pk]),
        reverse("contact_requests:edit", args=[ours.pk]),
        reverse("wagtailadmin_pages:search") + f"?q={THEIR_REFERENCE_PART}",
        reverse("wagtailadmin_pages:search") + "?q=Zaanse",
        reverse("wagtailadmin_pages:history", args=[amstel.pk]),
        reverse("wagtailadmin_pages:history", args=[groningen.pk]),
        reverse("wagtailadmin_pages:usage", args=[amstel.pk]),
        reverse("wagtailadmin_pages:usage", args=[groningen.pk]),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("contact_coverage_report"),
        reverse("wagtailadmin_account"),
    ]
    return urls


def readable(body):
    """The body as text; an xlsx export (a zip) is unpacked to its XML parts."""
    if not body.startswith(b"PK"):
        return body.decode("utf-8", errors="replace")
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8", errors="replace")
            for name in archive.namelist()
        )


def leaks(bodies):
    return {
        url: [secret for secret in SECRETS if secret in body]
        for url, body in bodies.items()
        if any(secret in body for secret in SECRETS)
    }


def test_office_user_sees_no_other_office_request_anywhere(
    office_client, offices, requests, administrator
):
    bodies = crawl(office_client, known_urls(offices, requests, administrator))

    assert leaks(bodies) == {}
    # The walk reached the screens under test, and they show the office's own work.
    history = reverse("wagtailadmin_reports:site_history")
    assert OUR_REFERENCE in bodies[history]
    assert OUR_SCHOOL in bodies[reverse("contact_requests:index")]
    rows = list(
        csv.reader(io.StringIO(bodies[f"{history}?export=csv"].lstrip("\ufeff")))
    )
    assert any(OUR_REFERENCE in ",".join(row) for row in rows)
    assert set(known_urls(offices, requests, administrator)) <= set(bodies)
    assert len(bodies) > 60


def test_history_labels_carry_no_school_name(
    office_client, offices, requests, administrator
):
    html = office_client.get(reverse("wagtailadmin_reports:site_history")).content
    html = html.decode()
    assert OUR_REFERENCE in html
    assert OUR_SCHOOL not in html


def test_administrator_still_sees_every_office_in_history(
    client, requests, administrator
):
    client.force_login(administrator)
    html = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert THEIR_REFERENCE in html
    assert OUR_REFERENCE in html
