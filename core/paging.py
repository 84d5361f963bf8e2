"""Paging: of the site's listings (tolerant) and of every API list (strict).

The API has one paging model for every list (``PagingSchema``): ``page`` (1-based),
``per_page``, ``num_pages``, ``total`` and the ``next`` and ``previous`` pages'
addresses. ``?page=`` and ``?per_page=`` choose; a page that does not exist (``0``,
``-1``, beyond the last) or a page size out of range is a 400 problem.
``api_page(request, queryset, per_page)`` is what an API listing calls.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError
from pydantic import Field

# The largest ``?per_page=`` any API list takes.
MAX_PER_PAGE = 50


def paginate(request, queryset, per_page):
    """One page of ``queryset`` for the ``?page=`` parameter, tolerant of bad values.

    For the HTML site: a reader who edits the address gets a page, not an error.
    """
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


class PagingSchema(Schema):
    page: int = Field(description="This page, 1-based.")
    per_page: int = Field(
        description=f"Items per page (`?per_page=`, 1 to {MAX_PER_PAGE})."
    )
    num_pages: int
    total: int = Field(description="Items on all pages.")
    next: str | None = Field(description="The next page's address; null on the last.")
    previous: str | None = Field(
        description="The previous page's address; null on the first."
    )


def _whole_number(request, name, default):
    value = request.GET.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError:
        raise HttpError(
            400, _("%(name)s must be a whole number.") % {"name": name}
        ) from None


def requested_per_page(request, default, maximum=MAX_PER_PAGE):
    """``?per_page=``, or ``default``; 400 outside 1 to ``maximum``."""
    per_page = _whole_number(request, "per_page", default)
    if not 1 <= per_page <= maximum:
        raise HttpError(
            400,
            _("per_page must be between 1 and %(maximum)s.") % {"maximum": maximum},
        )
    return per_page


def requested_page(request, num_pages):
    """``?page=``, or 1; 400 when there is no such page."""
    number = _whole_number(request, "page", 1)
    if not 1 <= number <= max(1, num_pages):
        raise HttpError(
            400,
            _("There is no page %(page)s; pages run from 1 to %(num_pages)s.")
            % {"page": number, "num_pages": max(1, num_pages)},
        )
    return number


def page_address(request, number):
    query = request.GET.copy()
    query["page"] = number
    return f"{request.path}?{query.urlencode()}"


def paging_of(request, number, per_page, total):
    """The paging dict of page ``number`` of ``total`` items, ``per_page`` a page."""
    num_pages = max(1, -(-total // per_page))
    return {
        "page": number,
        "per_page": per_page,
        "num_pages": num_pages,
        "total": total,
        "next": page_address(request, number + 1) if number < num_pages else None,
        "previous": page_address(request, number - 1) if number > 1 else None,
    }


def api_page(request, queryset, per_page, maximum=MAX_PER_PAGE):
    """``(page, paging)``: the requested page of ``queryset`` (a Django ``Page``) and
    its ``PagingSchema`` dict; a ``HttpError`` 400 for a page or size out of range.

    ``per_page`` is the default page size; ``?per_page=`` may choose another, up to
    ``maximum``.
    """
    size = requested_per_page(request, per_page, maximum)
    paginator = Paginator(queryset, size)
    number = requested_page(request, paginator.num_pages)
    page = paginator.page(number)
    return page, paging_of(request, number, size, paginator.count)


def limit_offset_links(request, count, default_limit):
    """``Link`` header value (RFC 8288) with the next and previous pages of a
    ``limit``/``offset`` list of ``count`` items, or "" when there are none."""
    try:
        limit = int(request.GET.get("limit", default_limit))
        offset = int(request.GET.get("offset", 0))
    except ValueError:
        return ""
    if limit < 1 or offset < 0:
        return ""
    links = []
    for rel, start in (("next", offset + limit), ("prev", offset - limit)):
        if (rel == "next" and start < count) or (rel == "prev" and offset > 0):
            query = request.GET.copy()
            query["offset"] = max(0, start)
            query["limit"] = limit
            links.append(f'<{request.path}?{query.urlencode()}>; rel="{rel}"')
    return ", ".join(links)
