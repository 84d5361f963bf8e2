"""``POST /api/v3/login/``: a username and password for an API token (api/login.py)."""

import datetime

from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from wagtail.api.v3.auth import AllowAnonymous
from wagtail.api.v3.errors import ProblemDetail

from api.login import locked_out_problem, sign_in
from api.models import LoginToken
from api.problems import problem

router = Router(tags=["login"], auth=AllowAnonymous())


class LoginIn(Schema):
    username: str = Field(max_length=150)
    password: str = Field(max_length=4096)
    scope: LoginToken.Scope = Field(
        LoginToken.Scope.EDIT,
        description="`edit`: the user's permissions; `read`: reading only.",
    )
    name: str = Field("login", max_length=255, description="A label for the token.")


class TokenSchema(Schema):
    token: str = Field(description="Send as `Authorization: Bearer <token>`.")
    token_type: str
    scope: str
    expires_at: datetime.datetime
    username: str


@router.post(
    "/",
    response={
        200: TokenSchema,
        **dict.fromkeys((400, 401, 422, 429), ProblemDetail),
    },
    url_name="login",
    summary="Sign in: exchange a username and password for an API token",
    operation_id="login",
)
def login(request, data: LoginIn):
    """An API token for the user, valid until ``expires_at`` and within ``scope``.
    A wrong username or password is a 401 that does not say which; after too many
    failed attempts for one account from one address (as on the admin's sign-in
    page, with the same counters) a 429 with ``Retry-After``."""
    # The body is JSON, read above; django-axes looks into request.POST during the
    # sign-in, which must not parse it again as a form (a multipart Content-Type
    # without a boundary would make that a 500).
    request._post, request._files = QueryDict(), MultiValueDict()
    signed_in = sign_in(request, data.username, data.password, data.scope, data.name)
    if getattr(request, "axes_locked_out", False):
        return locked_out_problem(request)
    if signed_in is None:
        return problem(
            401,
            _("The username or password is not correct."),
            headers={"WWW-Authenticate": "Bearer"},
        )
    key, token = signed_in
    return {
        "token": key,
        "token_type": "Bearer",
        "scope": token.scope,
        "expires_at": token.expires_at,
        "username": token.token.user.get_username(),
    }
