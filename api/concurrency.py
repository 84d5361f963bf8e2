"""Optimistic concurrency of the page write API: a page's ETag for its editors.

The read side's ETags (``api/caching.py``) follow the whole site's content version
and tell a cache whether an anonymous answer is still fresh. An editor needs more
and less than that: a validator of one page's editable state, its drafts included,
that changes with every revision, publish, move or lock of that page and with
nothing else. ``If-Match`` on a write compares against it (RFC 9110, 13.1.1).
"""

import hashlib

from django.utils.http import parse_etags, quote_etag
from wagtail.models import Page

# What a write would be based on: the latest draft, what is live, where the page
# is and who may change it.
STATE_FIELDS = (
    "pk",
    "latest_revision_id",
    "live_revision_id",
    "live",
    "path",
    "locked",
    "locked_by_id",
)


def page_etag(page):
    state = "\n".join(str(getattr(page, field)) for field in STATE_FIELDS)
    return quote_etag(hashlib.sha256(state.encode()).hexdigest()[:32])


def current_etag(page_id):
    page = Page.objects.filter(pk=page_id).only(*STATE_FIELDS).first()
    return page_etag(page) if page is not None else None


def if_match_fails(request, etag):
    """True when the request has an ``If-Match`` that the page's state (``etag``,
    None without a page) does not."""
    header = request.headers.get("If-Match")
    if header is None or etag is None:
        # Without a page there is nothing to match: the write answers 404 itself.
        return False
    tags = parse_etags(header)
    return "*" not in tags and etag not in tags
