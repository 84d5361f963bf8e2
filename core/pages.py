"""The page base classes every app's page types build on."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page, get_page_models
from wagtail.search import index

from core.navigation import RoutedPageMixin


class SearchTermsMixin(models.Model):
    """Words schools search for that a page's text does not contain.

    Every page type has them: boosted in search (as much as a title on the database
    path's ranking, above summaries on the engine), edited in the promote tab,
    translated with the page.
    """

    search_terms = models.TextField(
        _("search terms"),
        blank=True,
        help_text=_(
            "Words schools use for this subject that the text does not, separated "
            "by commas, e.g. “thuiszitter, verzuim, gedrag”. Search finds the page "
            "by them; readers do not see them."
        ),
    )

    search_fields = Page.search_fields + [
        index.SearchField("search_terms", boost=3),
    ]
    promote_panels = Page.promote_panels + [
        FieldPanel("search_terms", heading=_("Search terms")),
    ]

    class Meta:
        abstract = True


class IndexPage(RoutedPageMixin, SearchTermsMixin, Page):
    """A section's landing page: an introduction above the list of its pages.

    One per home page. A subclass names its parent and children, and may redeclare
    ``intro`` to give editors help that fits the section.
    """

    intro = models.TextField(_("introduction"), blank=True)

    max_count_per_parent = 1

    api_fields = [
        APIField("intro", writable=True),
    ]
    search_fields = SearchTermsMixin.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        abstract = True


def index_page_models():
    """Every concrete index page type, whichever app declares it."""
    return [model for model in get_page_models() if issubclass(model, IndexPage)]
