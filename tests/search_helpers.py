"""Helpers shared by the search tests: English content and index refreshes."""

from wagtail.models import Locale

from core.factories import stream
from services.factories import ServicePageFactory
from services.models import ServiceIndexPage


def refresh(backend):
    """Makes what the test just saved searchable (the engine refreshes each second)."""
    backend.es.indices.refresh(index=backend.page_index_name())


def english_services(home):
    """The English locale and service index of the demo site."""
    english = Locale.objects.get(language_code="en")
    index_nl = ServiceIndexPage.objects.child_of(home).get()
    return english, index_nl.get_translation(english)


def service(parent, title, summary, body="", **kwargs):
    return ServicePageFactory(
        parent=parent,
        locale=parent.locale,
        title=title,
        summary=summary,
        body=stream(("paragraph", f"<p>{body or summary}</p>")),
        **kwargs,
    )
