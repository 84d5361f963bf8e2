"""What readers are shown of the page tree, for the site's templates and the API alike.

The text a page is listed with is decided here once, so the HTML site and the
headless API cannot disagree.
"""


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
