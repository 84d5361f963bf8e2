from ninja import Router
from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth


def read_router(*tags):
    """A router that anonymous callers may read; an API token identifies its user.

    As in Wagtail's own page endpoints, a session cookie never counts.
    """
    return Router(tags=list(tags), auth=[BearerTokenAuth(), AllowAnonymous()])
