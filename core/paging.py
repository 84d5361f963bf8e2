"""Paging for the portal's listings (article and service indexes)."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator


def paginate(request, queryset, per_page):
    """One page of ``queryset`` for the ``?page=`` parameter, tolerant of bad values."""
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def window(queryset, page, per_page):
    """Items of the 1-based ``page`` of ``queryset`` with the total, for API lists."""
    total = queryset.count()
    start = (page - 1) * per_page
    return list(queryset[start : start + per_page]), total
