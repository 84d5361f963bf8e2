"""What readers are shown of the page tree, for the site's templates and the API alike.

Which pages a view restriction hides and the text a page is listed with are decided
here once, so the HTML site, its search and the headless API cannot disagree.
"""

from wagtail.models import PageViewRestriction


def restricted_paths():
    """Tree paths of the pages with a view restriction.

    A restriction covers the page's descendants too: a path hides every page whose
    path starts with it. One query, however many restrictions there are.
    """
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def is_public(page, restricted):
    """Whether anonymous readers may see ``page``: live and under no restriction.

    ``restricted`` is ``restricted_paths()``, read once per request.
    """
    return bool(page and page.live) and not any(
        page.path.startswith(path) for path in restricted
    )


def summary_of(page):
    """The text a page is listed with (cards, search results, API listings).

    A page type names its listing field in ``summary_field`` (a summary, a short
    description, a plain-text introduction); where that is empty or not declared,
    the page's search description.
    """
    field = getattr(page, "summary_field", None)
    if field and (value := getattr(page, field, None)):
        return value
    return page.search_description or ""
