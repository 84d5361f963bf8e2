"""What readers are shown of the page tree, for the site's templates and the API alike.

Which pages a view restriction hides, the menu, the breadcrumbs and the text a page
is listed with are decided here once, so the HTML site, its search and the headless
API cannot disagree.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404
from wagtail.models import Page, PageViewRestriction

from core.versions import PerVersion

_memo = PerVersion(size=64)


def restricted_paths():
    """Tree paths of the pages with a view restriction.

    A restriction covers the page's descendants too: a path hides every page whose
    path starts with it. One query per content version (a restriction saved or
    deleted is a new version), however many restrictions there are.
    """
    return _memo.get(
        "restricted_paths",
        lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


def public(pages):
    """``pages.public()`` without its query per call: ``restricted_paths()`` is kept
    for the content version."""
    return without_restricted(pages, restricted_paths())


def is_public(page, restricted):
    """Whether anonymous readers may see ``page``: live and under no restriction.

    ``restricted`` is ``restricted_paths()``, read once per request.
    """
    return bool(page and page.live) and not any(
        page.path.startswith(path) for path in restricted
    )


def without_restricted(pages, restricted):
    """``pages`` without those a view restriction hides (``restricted_paths()``)."""
    hidden = Q()
    for path in restricted:
        hidden |= Q(path__startswith=path)
    return pages.exclude(hidden) if hidden else pages


def summary_of(page):
    """The text a page is listed with (cards, search results, API listings).

    A page type names its listing field in ``summary_field`` (a summary, a short
    description, a plain-text introduction); where that is empty or not declared,
    the page's search description.
    """
    name = getattr(page, "summary_field", None)
    if name and (value := getattr(page, name, None)):
        return value
    return page.search_description or ""


def breadcrumbs(page):
    """The live pages from the locale's home page down to ``page``'s parent.

    The ancestors the router read on its way to ``page`` (``routed_ancestors``,
    set by ``home.models.HomePage.route``) when there are, else one query.
    """
    routed = getattr(page, "routed_ancestors", None)
    if routed is not None:
        return [ancestor for ancestor in routed if ancestor.live]
    return list(page.get_ancestors().filter(depth__gt=1).live())


@dataclass
class MenuItem:
    page: Page
    children: list["MenuItem"] = field(default_factory=list)


# How many levels below the home page the menu shows.
MENU_DEPTH = 1


def menu(home, depth=MENU_DEPTH, restricted=None):
    """The menu under ``home``, ``depth`` levels deep, in the page tree's order.

    Live, public pages shown in menus. A page only shows under a parent that shows:
    one query for the whole tree, and one for ``restricted_paths()`` unless the
    caller read them already.
    """
    if restricted is None:
        restricted = restricted_paths()
    pages = without_restricted(
        Page.objects.live()
        .in_menu()
        .descendant_of(home)
        .filter(depth__lte=home.depth + depth),
        restricted,
    ).order_by("path")
    items, by_path = [], {}
    for page in pages:
        item = MenuItem(page)
        if page.depth == home.depth + 1:
            items.append(item)
        elif (parent := by_path.get(page.path[: -page.steplen])) is not None:
            parent.children.append(item)
        else:
            continue
        by_path[page.path] = item
    return items


def route_from(home, request, path_components):
    """``Page.route`` from ``home``, with every page on the way in one query.

    Wagtail's own routing asks for one child and its specific page per path segment.
    Here the pages whose URL paths the segments spell are read at once, the deepest
    one is loaded with its locale, and it routes what is left of the path (a routable
    page's sub-path); the pages on the way are its breadcrumbs (``routed_ancestors``).
    """
    prefixes = [
        home.url_path + "/".join(path_components[:length]) + "/"
        for length in range(1, len(path_components) + 1)
    ]
    found = Page.objects.descendant_of(home).filter(url_path__in=prefixes)
    by_depth = {page.depth: page for page in found}
    chain = []
    while (page := by_depth.get(home.depth + len(chain) + 1)) is not None:
        chain.append(page)
    if not chain:
        raise Http404
    deepest = chain[-1]
    model = deepest.specific_class or Page
    specific = model.objects.select_related("locale").get(pk=deepest.pk)
    specific.routed_ancestors = [home, *chain[:-1]]
    return specific.route(request, path_components[len(chain) :])
