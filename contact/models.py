from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index


class RegionIndexPage(Page):
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_(
            "Explains that schools are helped by the MEE organisation of their region."
        ),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = ["contact.RegionalOfficePage"]
    max_count_per_parent = 1

    search_fields = Page.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("region index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["offices"] = (
            RegionalOfficePage.objects.live().public().child_of(self).order_by("title")
        )
        return context


class RegionalOfficePage(Page):
    class Confidence(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        INFERRED = "inferred", _("Inferred")
        UNCERTAIN = "uncertain", _("Uncertain")

    description = models.TextField(
        _("short description"),
        blank=True,
        max_length=600,
        help_text=_("Who this MEE organisation is and what it does for schools."),
    )
    visiting_address = models.TextField(
        _("visiting address"),
        blank=True,
        help_text=_("Street, number, postcode and place, one per line."),
    )
    postal_address = models.TextField(
        _("postal address"),
        blank=True,
        help_text=_("Only when it differs from the visiting address."),
    )
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        help_text=_('As callers dial it, for example "0181 33 35 07".'),
    )
    email = models.EmailField(
        _("email"),
        blank=True,
        help_text=_("The general address schools may write to."),
    )
    website = models.URLField(_("website"), blank=True)
    opening_hours = models.TextField(
        _("opening hours"),
        blank=True,
        help_text=_('One line per day or range, for example "ma-vr 9.00-17.00".'),
    )
    area_served = models.TextField(
        _("area served"),
        blank=True,
        help_text=_("The municipalities or region this office serves, in words."),
    )
    data_confidence = models.CharField(
        _("reliability of the data"),
        max_length=20,
        choices=Confidence.choices,
        default=Confidence.CONFIRMED,
        help_text=_(
            "How sure we are about this organisation and its area. Check anything "
            "that is not confirmed with the organisation before relying on it."
        ),
    )
    data_note = models.TextField(
        _("source note"),
        blank=True,
        help_text=_("Where the data comes from and what is still unverified."),
    )

    parent_page_types = ["contact.RegionIndexPage"]
    subpage_types = []

    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.SearchField("area_served", boost=2),
        index.SearchField("visiting_address"),
        index.AutocompleteField("area_served"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("visiting_address"),
                FieldPanel("postal_address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("website"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Contact details"),
        ),
        FieldPanel("area_served"),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_(
                        "The demo offices come from public sources of varying quality. "
                        "Verify inferred and uncertain data before publishing it "
                        "as fact."
                    )
                ),
                FieldPanel("data_confidence"),
                FieldPanel("data_note"),
            ],
            heading=_("Reliability of the data"),
        ),
    ]

    class Meta:
        verbose_name = _("regional MEE office")
        verbose_name_plural = _("regional MEE offices")

    @property
    def is_confirmed(self):
        return self.data_confidence == self.Confidence.CONFIRMED
