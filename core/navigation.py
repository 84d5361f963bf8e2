"""What readers are shown of the page tree, for the site's templates and the API alike.

Which pages a view restriction hides, the menu, the breadcrumbs and the text a page
is listed with are decided here once, so the HTML site, its search and the headless
API cannot disagree.
"""

import copy
from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site

from core.versions import PerVersion

_memo = PerVersion(size=64)
# Paths routed, each with the pages on its way: every uncached request asks.
_routes = PerVersion(size=256)
_sites = PerVersion(size=32)


def restricted_paths():
    """Tree paths of the pages with a view restriction, and of the aliases of the
    pages they cover (``restricted_alias_paths``).

    A restriction covers the page's descendants too: a path hides every page whose
    path starts with it. Read once per content version (a restriction saved or
    deleted is a new version), however many restrictions there are.
    """
    return _memo.get(
        "restricted_paths",
        lambda: _restriction_paths() + restricted_alias_paths(),
    )


def _restriction_paths():
    return _memo.get(
        "restriction_paths",
        lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


def restricted_alias_paths():
    """Tree paths of the aliases of restricted pages (an English alias of a Dutch
    page that has no translation yet): Wagtail gives an alias the restrictions of
    its original, which lies elsewhere in the tree."""

    def read():
        covered = Q()
        for path in _restriction_paths():
            covered |= Q(alias_of__path__startswith=path)
        if not covered:
            return ()
        paths = Page.objects.filter(covered).order_by("path")
        # An alias's own aliased children lie under it: one prefix covers them.
        kept = []
        for path in paths.values_list("path", flat=True):
            if not kept or not path.startswith(kept[-1]):
                kept.append(path)
        return tuple(kept)

    return _memo.get("restricted_alias_paths", read)


def public(pages):
    """``pages.public()`` without its query per call: ``restricted_paths()`` is kept
    for the content version."""
    return without_restricted(pages, restricted_paths())


def ancestor_paths(path):
    """The tree paths from the root down to ``path``, itself included."""
    return [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]


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

    Live, public pages shown in menus. A page only shows under a parent that shows.
    Every page and API answer shows it: it is read with one query, once per content
    version. Callers must not change it.
    """
    if restricted is None:
        restricted = restricted_paths()
    return _memo.get(
        ("menu", home.pk, depth, restricted), lambda: _menu(home, depth, restricted)
    )


def _menu(home, depth, restricted):
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


def find_site(request):
    """The request's Wagtail site, kept by this process for one content version.

    Wagtail asks the database on every request (``Site.find_for_request``); sites
    are content (``core.versions``), so a process keeps Wagtail's answer until the
    content changes. The site's root page is kept in its specific form, so that
    routing (``site.root_page.localized.specific``) asks nothing more of the
    database (``home.models.HomePage.localized``).
    """
    hostname = split_domain_port(request._get_raw_host())[0]

    def find():
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
        return site

    request._wagtail_site = _sites.get((hostname, request.get_port()), find)
    return request._wagtail_site


def own_copy(page):
    """A copy of ``page`` (kept for the content version) for one request to set its
    own attributes on. ``specific``, once read, points at the page itself: the copy
    must not keep pointing at the shared one."""
    page = copy.copy(page)
    page.__dict__.pop("specific", None)
    page.__dict__.pop("specific_deferred", None)
    return page


def route_from(home, request, path_components):
    """``Page.route`` from ``home``, with every page on the way read once per content
    version.

    Wagtail's own routing asks for one child and its specific page per path segment.
    Here the pages whose URL paths the segments spell are read at once, the deepest
    one is loaded with its locale, and this process keeps them for the content
    version (any publication, move or deletion makes a new one). Each request gets
    its own copy of the page, which routes what is left of the path (a routable
    page's sub-path); the pages on the way are its breadcrumbs (``routed_ancestors``).
    """
    found = _routes.get(
        ("route", home.pk, *path_components),
        lambda: _route(home, path_components),
        keep_none=False,
    )
    if found is None:
        raise Http404
    chain, page = found
    page = own_copy(page)
    page.routed_ancestors = [home, *chain]
    # Where treebeard keeps the parent it read: the API shows it.
    page._cached_parent_obj = page.routed_ancestors[-1]
    return page.route(request, path_components[len(chain) + 1 :])


def _route(home, path_components):
    """``(ancestors below home, specific page)`` of the deepest page the path spells,
    or None."""
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
        return None
    deepest = chain[-1]
    model = deepest.specific_class or Page
    related = getattr(model, "select_related_when_routed", ())
    specific = model.objects.select_related("locale", *related).get(pk=deepest.pk)
    return chain[:-1], specific


class RoutedPageMixin:
    """For every page type: Wagtail's check of view restrictions before it serves a
    page (``before_serve_page``) without its two queries, when the router read the
    way to the page (``route_from``) and no restriction covers it.

    Aliases keep Wagtail's check: they take the restrictions of their originals.
    """

    def known_unrestricted(self):
        """Whether it is known, without a query, that no view restriction covers
        this page: the router read the way to it, and none of it is restricted."""
        ancestors = getattr(self, "routed_ancestors", None)
        return (
            ancestors is not None
            and not any(page.alias_of_id for page in (self, *ancestors))
            and is_public(self, restricted_paths())
        )

    def get_view_restrictions(self):
        if self.known_unrestricted():
            return PageViewRestriction.objects.none()
        restrictions = super().get_view_restrictions()
        if self.alias_of_id:
            # Wagtail takes the original's own restrictions, not those of the
            # sections above it: those cover the alias too (restricted_alias_paths).
            above = ancestor_paths(self.alias_of.path)[:-1]
            restrictions |= PageViewRestriction.objects.filter(page__path__in=above)
        return restrictions
