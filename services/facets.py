"""The search facets, each declared once: how schools narrow their search results.

An entry in ``FACETS`` is everything about a facet: its URL and API parameter, its
heading, its values (the tokens of a vocabulary, the same in every language) and
where a page holds them. Generated from it:

- ServicePage's index methods (``school_type_slugs()``, ...) and their
  ``FilterField`` entries (``indexes_facets``), which the search engine indexes;
- the search layer's filters, counts and option labels, on the engine and in the
  database fallback (``search/query.py``), and the search page's "Clear filters";
- the filter parameters of ``/api/v3/search/`` and the facets' term lists in
  ``/api/v3/vocabularies/`` (``api/``).

Adding a facet is one entry here, plus the model field it reads. The order of
``FACETS`` is the order of the search page's filters. Renaming an ``index_field``
changes the search index's mapping: run ``manage.py update_index`` on deploy.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, get_page_models
from wagtail.search import index


@dataclass(frozen=True)
class TermFacet:
    """Pages tagged with terms of a vocabulary (a taxonomy snippet, a page type).

    ``path`` leads in the ORM from ``model`` to the token of a term, e.g.
    ``themes__slug``: all but its last step is the relation to the terms, the last
    step the term's field that is the facet's value.
    """

    # URL and API parameter; the facet's key in the counts.
    param: str
    # Heading of the facet's options.
    label: Promise
    # The API parameter's description (OpenAPI, in English).
    description: str
    # The method on ``model`` whose values the engine indexes as a FilterField.
    index_field: str
    path: str
    # The name under which /api/v3/vocabularies/ lists the terms.
    vocabulary: str
    # Order of the options; empty: the vocabulary model's own.
    ordering: tuple[str, ...] = ()
    model_label: str = "services.ServicePage"

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @property
    def relation(self):
        return self.path.rsplit("__", 1)[0]

    @property
    def token(self):
        return self.path.rsplit("__", 1)[1]

    @property
    def vocabulary_model(self):
        model = self.model
        for name in self.relation.split("__"):
            model = model._meta.get_field(name).related_model
        return model

    def index_values(self, page):
        """The tokens of ``page``'s terms.

        Read through the page's own relations, so that the prefetching of an index
        rebuild (``get_indexed_objects``) serves them.
        """
        items = [page]
        for name in self.relation.split("__"):
            items = [related for item in items for related in _related(item, name)]
        return [getattr(item, self.token) for item in items]

    def index_method(self):
        def values(page):
            return self.index_values(page)

        values.__name__ = values.__qualname__ = self.index_field
        values.__doc__ = f"Values of the {self.param} facet, for the search index."
        return values

    def terms(self, locale):
        terms = self.vocabulary_model.objects.filter(locale=locale)
        if issubclass(self.vocabulary_model, Page):
            terms = terms.live()
        return terms.order_by(*self.ordering) if self.ordering else terms

    def options(self, locale):
        """``{value: label}`` of the facet's options in ``locale``."""
        return {getattr(term, self.token): str(term) for term in self.terms(locale)}

    def keys(self, values):
        """What the index and the ORM hold for the chosen ``values``."""
        return list(values)

    def values_of(self, keys):
        """``{key: value}`` for the ``keys`` that stand for an option."""
        return {key: str(key) for key in keys}


def _related(item, name):
    related = getattr(item, name)
    if hasattr(related, "all"):
        return related.all()
    return [] if related is None else [related]


def page_types():
    """The label (``services.ServicePage``, the API's ``meta.type``) of every
    concrete page type, with its model."""
    return {
        model._meta.label: model for model in get_page_models() if model is not Page
    }


def content_type_values():
    """``{content type id: label}`` of every page type."""
    models = list(page_types().values())
    return {
        ct.pk: model._meta.label
        for model, ct in ContentType.objects.get_for_models(*models).items()
    }


@dataclass(frozen=True)
class PageTypeFacet:
    """Pages by their type; a value is the model's label, the index holds the
    content type's id (Page's own ``content_type`` FilterField)."""

    param: str
    label: Promise
    description: str
    index_field = "content_type"
    path = "content_type_id"
    model = Page
    vocabulary = ""

    def options(self, locale):
        return {
            # The models' own plural labels ("MEE services", "NPO-maatregelen",
            # "contactformulierpagina's"), only the first letter raised.
            value: str(capfirst(model._meta.verbose_name_plural))
            for value, model in page_types().items()
        }

    def keys(self, values):
        return [pk for pk, value in content_type_values().items() if value in values]

    def values_of(self, keys):
        known = content_type_values()
        return {key: known[int(key)] for key in keys if int(key) in known}


FACETS = (
    TermFacet(
        "school_type",
        _("School type"),
        "School types, e.g. `po`.",
        index_field="school_type_slugs",
        path="school_types__slug",
        vocabulary="school-types",
    ),
    TermFacet(
        "target_group",
        _("Target group"),
        "Target group tokens.",
        index_field="target_group_slugs",
        path="target_groups__slug",
        vocabulary="target-groups",
    ),
    TermFacet(
        "theme",
        _("Theme"),
        "Theme tokens.",
        index_field="theme_slugs",
        path="themes__slug",
        vocabulary="themes",
    ),
    TermFacet(
        "measure",
        _("NPO measure"),
        "Measure codes, e.g. `3.1`.",
        index_field="measure_codes",
        path="measure_links__measure__code",
        vocabulary="measures",
        ordering=("code",),
    ),
    PageTypeFacet(
        "type",
        _("Page type"),
        "Page types, e.g. `services.ServicePage` (as `meta.type`).",
    ),
)


def indexes_facets(model):
    """Class decorator: ``model`` gets the index method and ``FilterField`` of each
    facet on it, named by the facet's ``index_field``."""
    facets = [
        facet
        for facet in FACETS
        if isinstance(facet, TermFacet) and facet.model_label == model._meta.label
    ]
    for facet in facets:
        setattr(model, facet.index_field, facet.index_method())
    model.search_fields = [
        *model.search_fields,
        *(index.FilterField(facet.index_field) for facet in facets),
    ]
    return model
