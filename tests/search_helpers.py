"""Helpers shared by the search tests: English content and index refreshes."""

from wagtail.models import Locale

from home.factories import stream
from services.factories import ServicePageFactory
from services.models import ServiceIndexPage


def refresh(backend):
    """Makes what the test just saved searchable (the engine refreshes each second)."""
    backend.es.indices.refresh(index=backend.page_index_name())


def english_services(home):
    """An English home and service index, translated from the Dutch demo site."""
    english, _ = Locale.objects.get_or_create(language_code="en")
    home_en = home.copy_for_translation(english)
    home_en.title = "MEE and the National Education Programme"
    home_en.save_revision().publish()
    index_nl = ServiceIndexPage.objects.child_of(home).get()
    index_en = index_nl.copy_for_translation(english)
    index_en.title = "Services"
    index_en.slug = "services"
    index_en.save_revision().publish()
    return english, index_en


def service(parent, title, summary, body="", **kwargs):
    return ServicePageFactory(
        parent=parent,
        locale=parent.locale,
        title=title,
        summary=summary,
        body=stream(("paragraph", f"<p>{body or summary}</p>")),
        **kwargs,
    )
