"""Login throttling: wrong passwords block a sign-in, per account and address.

Behind the TLS proxy the client's address comes from the trusted header, for the
login throttle and the contact form's rate limit alike; administrators unblock.
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from contact.models import ContactRequest
from portal.client_address import client_ip

from .conftest import CONTACT_URL
from .contact_helpers import make_user, office, team_member

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "juist-wachtwoord-42"
LOCKED = "Te veel mislukte inlogpogingen"
PROXY = "10.0.0.2"
SCHOOL_A = "203.0.113.5"
SCHOOL_B = "198.51.100.7"


@pytest.fixture
def behind_proxy(settings):
    settings.PORTAL_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1


@pytest.fixture
def administrator(db):
    user = make_user("admin", is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def office_user(demo_site):
    user = team_member(office("mee-groningen"), "groningen")
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(client, username, password, address=None):
    headers = {"HTTP_ACCEPT_LANGUAGE": "nl"}
    if address:
        headers.update(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)
    return client.post(LOGIN, {"username": username, "password": password}, **headers)


def signed_in_as(client):
    response = client.get(reverse("wagtailadmin_home"))
    return response.status_code == 200 and response.context["user"].get_username()


def lockout_message(response):
    alert = BeautifulSoup(response.content, "html.parser").select_one('[role="alert"]')
    return alert.get_text(" ", strip=True) if alert else ""


@pytest.mark.parametrize("user_fixture", ["administrator", "office_user"])
def test_thirty_wrong_passwords_block_the_account(client, request, user_fixture):
    user = request.getfixturevalue(user_fixture)
    statuses = [
        sign_in(client, user.username, f"fout-{n}").status_code for n in range(30)
    ]
    assert statuses[0] == 200
    assert statuses[-1] == 429
    assert statuses.count(200) < 30

    response = sign_in(client, user.username, PASSWORD)
    assert response.status_code == 429
    assert LOCKED in lockout_message(response)
    assert "30 minuten" in lockout_message(response)
    assert "<h1>Aanmelden geblokkeerd</h1>" in response.content.decode()
    assert not signed_in_as(client)


def test_the_limit_is_configurable(client, administrator, settings):
    settings.AXES_FAILURE_LIMIT = 3
    assert [sign_in(client, "admin", "fout").status_code for _ in range(3)] == [
        200,
        200,
        429,
    ]
    assert sign_in(client, "admin", PASSWORD).status_code == 429


def test_below_the_limit_the_right_password_signs_in(client, administrator):
    for _ in range(3):
        sign_in(client, "admin", "fout")
    assert sign_in(client, "admin", PASSWORD).status_code == 302
    assert signed_in_as(client) == "admin"


def test_schools_behind_one_proxy_have_separate_login_tallies(
    client, office_user, behind_proxy
):
    for _ in range(30):
        sign_in(client, "groningen", "fout", address=SCHOOL_A)
    assert sign_in(client, "groningen", PASSWORD, address=SCHOOL_A).status_code == 429
    # The same account from another address behind the same proxy is not blocked.
    assert sign_in(client, "groningen", PASSWORD, address=SCHOOL_B).status_code == 302
    assert signed_in_as(client) == "groningen"


def test_without_the_proxy_setting_everyone_behind_it_shares_a_tally(
    client, office_user
):
    for _ in range(30):
        sign_in(client, "groningen", "fout", address=SCHOOL_A)
    assert sign_in(client, "groningen", PASSWORD, address=SCHOOL_B).status_code == 429


def test_schools_behind_one_proxy_have_separate_contact_rate_limits(
    client, valid_data, mailbox, settings, behind_proxy
):
    settings.PORTAL_CONTACT_RATE_LIMIT = "2/10m"

    def send(address):
        return client.post(
            CONTACT_URL, valid_data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address
        ).status_code

    assert [send(SCHOOL_A) for _ in range(3)] == [302, 302, 429]
    assert send(SCHOOL_B) == 302
    assert ContactRequest.objects.count() == 3


@pytest.mark.parametrize(
    ("header", "count", "forwarded", "expected"),
    [
        (None, 1, "203.0.113.5", PROXY),
        ("X-Forwarded-For", 1, "203.0.113.5", "203.0.113.5"),
        # A client's own X-Forwarded-For is left of what our proxy appended.
        ("X-Forwarded-For", 1, "192.0.2.99, 203.0.113.5", "203.0.113.5"),
        ("X-Forwarded-For", 2, "203.0.113.5, 10.1.1.1", "203.0.113.5"),
        # Fewer addresses than proxies, or garbage: the peer's address.
        ("X-Forwarded-For", 2, "203.0.113.5", PROXY),
        ("X-Forwarded-For", 1, "not-an-address", PROXY),
        ("X-Forwarded-For", 1, None, PROXY),
    ],
)
def test_client_ip(settings, header, count, forwarded, expected):
    settings.PORTAL_TRUSTED_PROXY_HEADER = header or ""
    settings.PORTAL_TRUSTED_PROXY_COUNT = count
    extra = {"REMOTE_ADDR": PROXY}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_ip(RequestFactory().get("/", **extra)) == expected


def test_an_administrator_unblocks_in_the_admin(client, administrator, office_user):
    for _ in range(30):
        sign_in(client, "groningen", "fout")
    assert sign_in(client, "groningen", PASSWORD).status_code == 429

    client.force_login(administrator)
    url = reverse("portal_blocked_sign_ins")
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "groningen" in page
    assert "127.0.0.1" in page
    response = client.post(
        url,
        {"username": "groningen", "ip_address": "127.0.0.1"},
        HTTP_ACCEPT_LANGUAGE="nl",
        follow=True,
    )
    assert "groningen kan weer inloggen vanaf 127.0.0.1." in response.content.decode()
    assert "Er zijn geen geblokkeerde aanmeldingen." in response.content.decode()
    client.logout()

    assert sign_in(client, "groningen", PASSWORD).status_code == 302
    assert signed_in_as(client) == "groningen"


def test_only_administrators_see_blocked_sign_ins(client, office_user):
    client.force_login(office_user)
    # Wagtail answers a refused admin view with a redirect to the dashboard.
    response = client.get(reverse("portal_blocked_sign_ins"))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_the_reset_command_unblocks(client, office_user):
    for _ in range(30):
        sign_in(client, "groningen", "fout")
    call_command("axes_reset_username", "groningen")
    assert sign_in(client, "groningen", PASSWORD).status_code == 302
    assert get_user_model().objects.get(username="groningen").last_login
