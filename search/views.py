from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from core.navigation import public
from search.query import FACET_PARAMS, search_pages
from search.query import autocomplete as autocomplete_pages
from services.models import ServicePage

# Services a zero-result page offers instead.
OFFERED_SERVICES = 5


def page_url(request, number):
    params = request.GET.copy()
    params["page"] = number
    return "?" + params.urlencode()


def without_filters(request):
    """The same search from its first page, every facet cleared."""
    params = request.GET.copy()
    for name in ("page", *FACET_PARAMS):
        params.pop(name, None)
    return "?" + params.urlencode()


def suggestion_url(request, suggestion):
    params = request.GET.copy()
    params.pop("page", None)
    params["q"] = suggestion
    return "?" + params.urlencode()


def offered_services(locale):
    """The services a search without results offers: those editors put first in
    the services section (the portal keeps no count of visits per page)."""
    return (
        public(ServicePage.objects.live())
        .filter(locale=locale)
        .order_by("path")[:OFFERED_SERVICES]
    )


@require_GET
def search(request):
    locale = Locale.get_active()
    results = search_pages(
        request.GET.get("q", ""),
        locale,
        filters=request.GET,
        page=request.GET.get("page", 1),
    )
    filtered = any(request.GET.getlist(name) for name in FACET_PARAMS)
    number = results.page_number
    context = {
        "query": results.query,
        "results": results,
        "start": (number - 1) * results.per_page + 1,
        "previous_url": page_url(request, number - 1) if number > 1 else None,
        "next_url": (
            page_url(request, number + 1) if number < results.num_pages else None
        ),
        "clear_filters_url": without_filters(request),
        "filtered": filtered,
        "suggestion_url": (
            suggestion_url(request, results.suggestion) if results.suggestion else None
        ),
        "offered_services": (
            offered_services(locale)
            if (results.query or filtered) and not results.count
            else []
        ),
    }
    return render(request, "search/search.html", context)


@require_GET
def autocomplete(request):
    query = request.GET.get("q", "")
    suggestions = autocomplete_pages(query, Locale.get_active())
    response = JsonResponse({"query": query, "results": suggestions})
    response["Cache-Control"] = "public, max-age=60"
    return response
