"""A property-based run of schemathesis against ``/api/v3/openapi.json`` (issue #7).

Every operation of the one OpenAPI document gets generated requests, anonymously and
with a superuser's API token, in process through Django's WSGI handler: none may be
answered with a server error, and every answer must match its documented schema.

Each generated request runs in a savepoint that is rolled back, inside the test's
own transaction, so writes (pages created, moved, deleted; sites, redirects) never
reach the session's demo site. Deterministic: Hypothesis is derandomized and keeps
no example database.
"""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from .editorial_helpers import bearer

pytestmark = pytest.mark.django_db

SEARCH = "/api/v3/search/"
# Left out: `content_type_conformance`, as problems are sent as
# application/problem+json (RFC 9457) where Ninja documents every response, Wagtail's
# too, as application/json.
CHECKS = [not_a_server_error, response_schema_conformance, response_headers_conformance]
# The portal's operations also document every status they answer; Wagtail's own
# document their success only.
PORTAL_OPERATIONS = (
    "portal_",
    "contact_",
    "moderation_",
    "editorial_",
    "contextnavigation",
    "login",
)
PORTAL_CHECKS = [*CHECKS, status_code_conformance]

django_application = get_wsgi_application()


def application(environ, start_response):
    # gunicorn always names the client (the contact rate limit keys on it);
    # werkzeug's test environ does not.
    environ.setdefault("REMOTE_ADDR", "127.0.0.1")
    return django_application(environ, start_response)


schema = schemathesis.openapi.from_wsgi("/api/v3/openapi.json", application).exclude(
    # No snippet model has API fields, so Wagtail types `{type}` as the empty string
    # and no request to these operations can be generated at all.
    tag="snippets"
)

RUN = settings(
    max_examples=12,
    derandomize=True,
    database=None,
    deadline=None,
    # The test's transaction is shared on purpose; each example gets a savepoint.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(autouse=True)
def _keep_the_test_transaction():
    """Django's WSGI handler closes the connection after each request, and with it
    the test's transaction; the test client does not, nor may this run."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def superuser_token(django_user_model):
    user = django_user_model.objects.create_superuser(
        "schemathesis", "schemathesis@example.org", "unused"
    )
    return {"Authorization": bearer(user)["HTTP_AUTHORIZATION"]}


def call_and_validate(case, headers=None):
    operation_id = case.operation.definition.raw["operationId"]
    portal = operation_id.startswith(PORTAL_OPERATIONS)
    try:
        with transaction.atomic():
            case.call_and_validate(
                headers=headers, checks=PORTAL_CHECKS if portal else CHECKS
            )
            transaction.set_rollback(True)
    finally:
        # Wagtail caches site roots and the API its content version; both may name
        # rows that were just rolled back.
        cache.clear()


def searches(ctx):
    """Operations that answer from the search engine in production: the portal's
    search and Wagtail's lists with a ``search`` parameter (engine tier)."""
    parameters = ctx.operation.definition.raw.get("parameters", [])
    return ctx.operation.path == SEARCH or any(
        parameter.get("name") == "search" for parameter in parameters
    )


@schema.exclude(searches).parametrize()
@RUN
def test_anonymously(case, demo_site):
    call_and_validate(case)


@schema.exclude(searches).parametrize()
@RUN
def test_with_a_superusers_token(case, demo_site, superuser_token):
    call_and_validate(case, superuser_token)


# The engine's index matches the demo database these tests start on.
@schema.include(searches).parametrize()
@RUN
def test_searching_anonymously(case, search_engine, demo_site):
    call_and_validate(case)


@schema.include(searches).parametrize()
@RUN
def test_searching_with_a_superusers_token(
    case, search_engine, demo_site, superuser_token
):
    call_and_validate(case, superuser_token)


def reads(ctx):
    return ctx.operation.method.upper() == "GET" and not searches(ctx)


class ReadWorkflow(schema.include(reads).as_state_machine()):
    """Stateful: schemathesis follows the document's ``links`` (a page's ``id`` from
    resolve, detail and lists into the detail, breadcrumbs and translations; an
    image's into its renditions; a vocabulary's name into its terms)."""

    def call(self, case, **kwargs):
        try:
            with transaction.atomic():
                response = case.call(**kwargs)
                transaction.set_rollback(True)
        finally:
            cache.clear()
        return response

    def validate_response(self, response, case, additional_checks=None, **kwargs):
        operation_id = case.operation.definition.raw["operationId"]
        portal = operation_id.startswith(PORTAL_OPERATIONS)
        case.validate_response(response, checks=PORTAL_CHECKS if portal else CHECKS)


def test_following_links_statefully(demo_site):
    # A bundle per answer whose links are followed, from the document's ``links``.
    assert {
        "GET /api/v3/resolve/ -> 200",
        "GET /api/v3/content/pages/{page_id}/ -> 200",
        "GET /api/v3/vocabularies/ -> 200",
    } <= set(ReadWorkflow.bundles)
    ReadWorkflow.run(
        settings=settings(
            max_examples=8,
            stateful_step_count=4,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
    )
