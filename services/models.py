from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import BodyStreamBlock, QuoteStreamBlock
from core.navigation import RoutedPageMixin, public
from core.pages import IndexPage, SearchTermsMixin
from core.paging import paginate
from core.reference_index import indexed_with_page
from core.translations import LocalizedReferencesMixin

from .facets import indexes_facets
from .forms import ServicePageForm

SERVICES_PER_PAGE = 12


class Taxonomy(TranslatableMixin, index.Indexed, models.Model):
    """A translatable label that services are tagged with and schools filter on."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("Used in search filters and the API; the same in every language."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Optional explanation for editors and in the API."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    # Filters and the API address a label by slug in every language.
    override_translatable_fields = [SynchronizedField("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_%(class)s_slug"
            ),
        ]

    def __str__(self):
        return self.name


class TargetGroup(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Theme(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class SchoolType(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("school type")
        verbose_name_plural = _("school types")


class MeasureIndexPage(IndexPage):
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Explains the Nationaal Programma Onderwijs in a few sentences."),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = ["services.MeasurePage"]

    class Meta:
        verbose_name = _("measure index page")
        verbose_name_plural = _("measure index pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        measures = public(MeasurePage.objects.live().child_of(self)).order_by("code")
        context["sectors"] = [
            (label, [m for m in measures if m.sector == value])
            for value, label in MeasurePage.Sector.choices
        ]
        return context


class MeasurePage(RoutedPageMixin, SearchTermsMixin, Page):
    class Sector(models.TextChoices):
        FOUNDATIONAL = "funderend", _("Primary and secondary education")
        VOCATIONAL_HIGHER = "mbo-ho", _("Vocational and higher education")

    code = models.CharField(
        _("measure code"),
        max_length=10,
        help_text=_(
            'The number in the NPO menu, for example "3.1"; unique within a language.'
        ),
    )
    sector = models.CharField(
        _("sector"),
        max_length=20,
        choices=Sector.choices,
        help_text=_("Funderend onderwijs, or mbo and higher education."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=500,
        help_text=_(
            "What the measure funds, in one paragraph; shown in lists and search."
        ),
    )
    quotes = StreamField(
        QuoteStreamBlock(),
        verbose_name=_("programme quotes"),
        blank=True,
        help_text=_("Quotes from the programme or the minister, each with its source."),
    )
    body = StreamField(
        BodyStreamBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_("What the measure means for schools and how MEE can help."),
    )

    # The code identifies the measure in every language (filters, API).
    override_translatable_fields = [SynchronizedField("code")]
    summary_field = "summary"
    parent_page_types = ["services.MeasureIndexPage"]
    subpage_types = []

    api_fields = [
        APIField("code", writable=True),
        APIField("sector", writable=True),
        APIField("summary", writable=True),
        APIField("quotes", writable=True),
        APIField("body", writable=True),
    ]
    search_fields = SearchTermsMixin.search_fields + [
        index.SearchField("code", boost=3),
        index.AutocompleteField("code"),
        index.SearchField("summary", boost=2),
        index.SearchField("quotes"),
        index.SearchField("body"),
        index.FilterField("sector"),
        index.FilterField("code"),
    ]
    content_panels = [
        FieldPanel("code"),
        *Page.content_panels,
        FieldPanel("sector"),
        FieldPanel("summary"),
        FieldPanel("quotes"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("NPO measure")
        verbose_name_plural = _("NPO measures")

    def __str__(self):
        return f"{self.code} {self.title}"

    def clean(self):
        super().clean()
        clash = MeasurePage.objects.filter(
            code=self.code, locale_id=self.locale_id
        ).exclude(pk=self.pk)
        if self.code and self.locale_id and clash.exists():
            raise ValidationError(
                {
                    "code": _(
                        "Another measure in this language already has code %(code)s."
                    )
                    % {"code": self.code}
                }
            )

    def services(self):
        """The live services that serve this measure, in the service tree's order."""
        return (
            public(ServicePage.objects.live().filter(measure_links__measure=self))
            .order_by("path")
            .distinct()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = self.services()
        return context


class ServiceIndexPage(IndexPage):
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_(
            "Explains what MEE offers schools, shown above the list of services."
        ),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = ["services.ServicePage"]

    class Meta:
        verbose_name = _("service index page")
        verbose_name_plural = _("service index pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        services = (
            public(ServicePage.objects.live().child_of(self))
            .order_by("path")
            .prefetch_related("target_groups")
        )
        context["services"] = paginate(request, services, SERVICES_PER_PAGE)
        return context


@indexes_facets
class ServicePage(RoutedPageMixin, LocalizedReferencesMixin, SearchTermsMixin, Page):
    summary = models.TextField(
        _("summary"),
        max_length=500,
        help_text=_("What the service does for a school, in one paragraph."),
    )
    body = StreamField(
        BodyStreamBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_(
            "The full description: approach, for whom, what a school can expect."
        ),
    )
    target_groups = ParentalManyToManyField(
        TargetGroup,
        verbose_name=_("target groups"),
        blank=True,
        related_name="services",
        help_text=_("Which pupils or families the service is for."),
    )
    themes = ParentalManyToManyField(
        Theme,
        verbose_name=_("themes"),
        blank=True,
        related_name="services",
        help_text=_(
            "Topics the service works on, such as media literacy or resilience."
        ),
    )
    school_types = ParentalManyToManyField(
        SchoolType,
        verbose_name=_("school types"),
        blank=True,
        related_name="services",
        help_text=_("The kinds of school that can use the service."),
    )
    read_more_url = models.URLField(
        _("read more link"),
        blank=True,
        help_text=_("Where the regional MEE sites describe the service in full."),
    )
    cta_text = models.CharField(
        _("call to action text"),
        max_length=120,
        default="Vraag deze dienst aan voor uw school",
        help_text=_("The button that opens the contact form with this service chosen."),
    )

    summary_field = "summary"
    parent_page_types = ["services.ServiceIndexPage"]
    localized_references = [
        "target_groups",
        "themes",
        "school_types",
        "measure_links.measure",
    ]
    # The Dutch source's choices are copied over; saving maps them to this language.
    override_translatable_fields = [
        SynchronizedField("target_groups"),
        SynchronizedField("themes"),
        SynchronizedField("school_types"),
    ]
    subpage_types = []

    api_fields = [
        APIField("summary", writable=True),
        APIField("body", writable=True),
        APIField("read_more_url", writable=True),
        APIField("cta_text", writable=True),
        APIField("target_groups", writable=True),
        APIField("themes", writable=True),
        APIField("school_types", writable=True),
        APIField("measure_links", writable=True),
    ]
    search_fields = SearchTermsMixin.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.RelatedFields("target_groups", [index.SearchField("name")]),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("school_types", [index.SearchField("name")]),
        index.FilterField("target_groups"),
        index.FilterField("themes"),
        index.FilterField("school_types"),
        # @indexes_facets adds the facets' values (services/facets.py).
    ]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("school_types", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Classification"),
        ),
        InlinePanel(
            "measure_links",
            label=_("NPO measure"),
            heading=_("NPO measures this service fits"),
        ),
        MultiFieldPanel(
            [FieldPanel("read_more_url"), FieldPanel("cta_text")],
            heading=_("Links"),
        ),
    ]

    base_form_class = ServicePageForm

    class Meta:
        verbose_name = _("MEE service")
        verbose_name_plural = _("MEE services")

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().prefetch_related("measure_links__measure")

    def measures(self):
        return [
            link.measure
            for link in self.measure_links.select_related("measure")
            if link.measure.live
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["measures"] = self.measures()
        return context


@indexed_with_page("service")
class ServiceMeasure(Orderable):
    """Links a service to an NPO measure; both pages list the link."""

    service = ParentalKey(
        ServicePage, on_delete=models.CASCADE, related_name="measure_links"
    )
    measure = models.ForeignKey(
        MeasurePage,
        verbose_name=_("measure"),
        on_delete=models.CASCADE,
        related_name="service_links",
        help_text=_("An NPO measure under which schools can fund this service."),
    )

    panels = [PageChooserPanel("measure")]
    api_fields = [APIField("measure", writable=True)]

    class Meta(Orderable.Meta):
        verbose_name = _("NPO measure")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "measure"], name="unique_service_measure"
            ),
        ]
