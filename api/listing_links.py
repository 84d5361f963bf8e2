"""Next and previous pages of Wagtail's own lists, as ``Link`` headers.

Wagtail's lists (``/pages/``, ``/images/``, ``/documents/``, ``/redirects/``, …)
page with ``limit``/``offset`` and answer ``{items, count}``; their schema is
Wagtail's, so the links to the other pages go into the ``Link`` header (RFC 8288,
``rel="next"``/``rel="prev"``) instead of the body.
"""

import json

from core.paging import limit_offset_links

API_PREFIX = "/api/v3/"
# Wagtail's ``limit`` when none is given (``WagtailLimitOffsetPagination``).
DEFAULT_LIMIT = 20


class ListingLinksMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method != "GET"
            or not request.path_info.startswith(API_PREFIX)
            or response.status_code != 200
            or not response.get("Content-Type", "").startswith("application/json")
            or not hasattr(response, "content")
            # The portal's own lists (``{paging, items}``), cached or not, are not
            # parsed for nothing.
            or b'"count"' not in response.content
        ):
            return response
        body = json.loads(response.content)
        if isinstance(body, dict) and set(body) == {"items", "count"}:
            links = limit_offset_links(request, body["count"], DEFAULT_LIMIT)
            if links:
                response["Link"] = links
        return response
