from django.shortcuts import render
from wagtail.models import Locale, Page

from home.models import paginate

RESULTS_PER_PAGE = 10


def search(request):
    query = request.GET.get("q", "").strip()
    results = None
    if query:
        pages = (
            Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        )
        results = paginate(request, pages.search(query), RESULTS_PER_PAGE)
    return render(request, "search/search.html", {"query": query, "results": results})
