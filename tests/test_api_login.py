"""The API login: a password for a scoped, expiring token, throttled as the admin."""

import pytest
from django.utils import timezone
from wagtail.models import APIToken

from api.models import LoginToken
from services.models import ServicePage

from .api_helpers import assert_problem
from .editorial_helpers import call, editor

pytestmark = pytest.mark.django_db

LOGIN = "/api/v3/login/"
PASSWORD = "juist-wachtwoord-42"


@pytest.fixture
def user(demo_site):
    user = editor()
    user.set_password(PASSWORD)
    user.save()
    return user


def login(client, username, password, **extra):
    return call(
        client,
        "post",
        LOGIN,
        data={"username": username, "password": password, **extra},
        HTTP_ACCEPT_LANGUAGE="nl",
    )


def patch_with(client, key, page, title):
    return call(
        client,
        "patch",
        f"/api/v3/pages/{page.pk}/",
        data={"meta": {"type": "services.ServicePage"}, "title": title},
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )


def test_a_password_buys_a_token_that_writes_with_the_users_permissions(client, user):
    response = login(client, "redacteur", PASSWORD)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["username"] == "redacteur" and body["scope"] == "edit"
    token = LoginToken.objects.get(token__user=user)
    assert abs((token.expires_at - timezone.now()).total_seconds() - 8 * 3600) < 60
    service = ServicePage.objects.get(slug="toekomstcoach")
    assert patch_with(client, body["token"], service, "Nieuw").status_code == 200
    # Still a Redactie token: publishing is refused.
    publish = call(
        client,
        "post",
        f"/api/v3/pages/{service.pk}/actions/publish/",
        HTTP_AUTHORIZATION=f"Bearer {body['token']}",
    )
    assert_problem(publish, 403)


def test_wrong_password_and_unknown_user_get_the_same_401(client, user):
    wrong = assert_problem(login(client, "redacteur", "fout"), 401)
    unknown = assert_problem(login(client, "niemand", "fout"), 401)
    assert (
        wrong["detail"]
        == unknown["detail"]
        == ("De gebruikersnaam of het wachtwoord is niet juist.")
    )
    assert not APIToken.objects.filter(user=user).exists()


def test_a_read_token_cannot_write(client, user):
    key = login(client, "redacteur", PASSWORD, scope="read").json()["token"]
    service = ServicePage.objects.get(slug="toekomstcoach")
    assert_problem(patch_with(client, key, service, "Nieuw"), 403)
    read = call(
        client, "get", "/api/v3/editorial/inbox/", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert read.status_code == 200


def test_an_expired_token_is_refused_and_revoked(client, user):
    key = login(client, "redacteur", PASSWORD).json()["token"]
    LoginToken.objects.update(expires_at=timezone.now())
    service = ServicePage.objects.get(slug="toekomstcoach")
    body = assert_problem(patch_with(client, key, service, "Nieuw"), 401)
    assert "verlopen" in body["detail"]
    assert APIToken.objects.get(user=user).revoked_at is not None


def test_failed_sign_ins_lock_the_api_login_like_the_admins(client, user, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert_problem(login(client, "redacteur", "fout"), 401)
    # The attempt that reaches the limit is refused as locked, like the admin's.
    assert_problem(login(client, "redacteur", "fout"), 429)
    locked = login(client, "redacteur", PASSWORD)
    body = assert_problem(locked, 429)
    assert int(locked["Retry-After"]) == settings.PORTAL_LOGIN_COOLOFF_MINUTES * 60
    assert "Te veel mislukte" in body["detail"]
    assert not APIToken.objects.filter(user=user).exists()
    # The admin's sign-in counts the same failures.
    admin = client.post(
        "/admin/login/", {"username": "redacteur", "password": PASSWORD}
    )
    assert admin.status_code == 429
