from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from search.query import FACET_PARAMS, search_pages
from search.query import autocomplete as autocomplete_pages


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


@require_GET
def search(request):
    results = search_pages(
        request.GET.get("q", ""),
        Locale.get_active(),
        filters=request.GET,
        page=request.GET.get("page", 1),
    )
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
    }
    return render(request, "search/search.html", context)


@require_GET
def autocomplete(request):
    query = request.GET.get("q", "")
    suggestions = autocomplete_pages(query, Locale.get_active())
    response = JsonResponse({"query": query, "results": suggestions})
    response["Cache-Control"] = "public, max-age=60"
    return response
