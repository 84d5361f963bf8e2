"""The API's login: a username and password for a scoped API token that expires.

Sign-ins here count towards django-axes' throttle exactly as the admin's do (the
same backend, counters and cool-off; ``portal/login_throttling.py`` answers a
locked-out API sign-in with a 429 problem), and a wrong password and an unknown
user get the same answer.

A token from the login is one of Wagtail's API tokens, so every endpoint accepts
it, with a ``LoginToken`` beside it: ``LoginTokenMiddleware`` revokes it once it
has expired (Wagtail then refuses it everywhere) and refuses writes with a
``read`` token.
"""

import datetime

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import APIToken

from .models import LoginToken
from .problems import problem

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def lifetime():
    return datetime.timedelta(minutes=settings.PORTAL_API_LOGIN_TOKEN_MINUTES)


def sign_in(request, username, password, scope, name):
    """The new token's key and record, or None for wrong credentials."""
    user = authenticate(request=request, username=username, password=password)
    if user is None or not user.is_active:
        return None
    with transaction.atomic():
        token, key = APIToken.create_token(user=user, name=name)
        login = LoginToken.objects.create(
            token=token, scope=scope, expires_at=timezone.now() + lifetime()
        )
    return key, login


def locked_out_problem(request):
    return problem(
        429,
        _(
            "Too many failed sign-ins for this account from your address. Try "
            "again in %(minutes)s minutes."
        )
        % {"minutes": settings.PORTAL_LOGIN_COOLOFF_MINUTES},
        headers={"Retry-After": str(settings.PORTAL_LOGIN_COOLOFF_MINUTES * 60)},
    )


def _bearer_key(request):
    header = request.headers.get("Authorization", "")
    scheme, _sep, key = header.partition(" ")
    return key.strip() if scheme.lower() == "bearer" and key.strip() else None


class LoginTokenMiddleware:
    """Expiry and scope of login tokens, for every API endpoint."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = _bearer_key(request) if request.path_info.startswith("/api/") else None
        if key is None:
            return self.get_response(request)
        login = (
            LoginToken.objects.filter(
                token__key_hash__in=APIToken.candidate_key_hashes(key),
                token__revoked_at__isnull=True,
            )
            .select_related("token")
            .first()
        )
        if login is not None and login.expired:
            login.token.revoke()
            return problem(401, _("This token has expired. Sign in again."))
        if (
            login is not None
            and login.scope == LoginToken.Scope.READ
            and request.method not in SAFE_METHODS
        ):
            return problem(403, _("This token may only read."))
        return self.get_response(request)
