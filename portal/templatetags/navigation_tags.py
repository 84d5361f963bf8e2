from django import template
from wagtail.models import Locale, Page

register = template.Library()


def _home_for(context):
    """The home page of the page being shown, or of the active language elsewhere."""
    from home.models import HomePage

    page = context.get("page")
    if isinstance(page, Page) and page.depth >= 2:
        if isinstance(page, HomePage):
            return page
        return HomePage.objects.ancestor_of(page).first()
    return HomePage.objects.filter(locale=Locale.get_active()).first()


@register.inclusion_tag("includes/site_header.html", takes_context=True)
def site_header(context):
    home = _home_for(context)
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    menu = home.get_children().live().public().in_menu() if home else []
    items = [
        {
            "page": item,
            "current": "page"
            if item.path == current_path
            else ("true" if current_path.startswith(item.path) else ""),
        }
        for item in menu
    ]
    return {"request": context.get("request"), "home": home, "menu": items}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    ancestors = []
    if isinstance(page, Page) and page.depth > 2:
        ancestors = page.get_ancestors().filter(depth__gt=1)
    return {"request": context.get("request"), "ancestors": ancestors, "page": page}
