"""Regional MEE offices, the municipalities and postcodes they serve, their teams."""

from collections import defaultdict

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    HelpPanel,
    MultiFieldPanel,
)
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.navigation import RoutedPageMixin, public
from core.pages import IndexPage, SearchTermsMixin

from .admin_forms import RegionalOfficePageForm


class RegionIndexPage(IndexPage):
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_(
            "Explains that schools are helped by the MEE organisation of their region."
        ),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = ["offices.RegionalOfficePage"]

    class Meta:
        verbose_name = _("region index page")
        verbose_name_plural = _("region index pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["offices"] = public(
            RegionalOfficePage.objects.live().child_of(self)
        ).order_by("title")
        return context


class RegionalOfficePage(RoutedPageMixin, SearchTermsMixin, Page):
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

    base_form_class = RegionalOfficePageForm
    # Addresses, phone numbers and the editors' data note are the same in every
    # language; translators see only the texts readers read.
    override_translatable_fields = [
        SynchronizedField("visiting_address"),
        SynchronizedField("postal_address"),
        SynchronizedField("phone"),
        SynchronizedField("data_note"),
    ]
    summary_field = "description"
    parent_page_types = ["offices.RegionIndexPage"]
    subpage_types = []

    api_fields = [
        APIField("description", writable=True),
        APIField("visiting_address", writable=True),
        APIField("postal_address", writable=True),
        APIField("phone", writable=True),
        APIField("email", writable=True),
        APIField("website", writable=True),
        APIField("opening_hours", writable=True),
        APIField("area_served", writable=True),
    ]
    search_fields = SearchTermsMixin.search_fields + [
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
        MultiFieldPanel(
            [
                FieldPanel("area_served"),
                FieldPanel("municipalities"),
                FieldPanel("add_province"),
            ],
            heading=_("Area served"),
        ),
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

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        self.apply_pending_municipalities()
        return result

    def served_municipalities(self):
        """The municipalities routed here, also when shown on a translation."""
        return Municipality.objects.filter(
            office__translation_key=self.translation_key
        ).order_by("name")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["municipalities"] = municipalities = list(self.served_municipalities())
        provinces = defaultdict(list)
        for municipality in municipalities:
            provinces[municipality.province].append(municipality)
        context["provinces"] = sorted(provinces.items())
        return context

    def apply_pending_municipalities(self):
        """Writes the coverage chosen in the admin form (see admin_forms)."""
        chosen = getattr(self, "pending_municipalities", None)
        if chosen is None:
            return
        del self.pending_municipalities
        keep = [m.pk for m in chosen]
        Municipality.objects.filter(office=self).exclude(pk__in=keep).update(
            office=None
        )
        Municipality.objects.filter(pk__in=keep, office__isnull=True).update(
            office=self
        )

    @property
    def is_confirmed(self):
        return self.data_confidence == self.Confidence.CONFIRMED


class Municipality(models.Model):
    """A Dutch municipality (CBS code), and the regional office that serves it."""

    code = models.CharField(_("CBS code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=80)
    province = models.CharField(_("province"), max_length=40)
    office = models.ForeignKey(
        RegionalOfficePage,
        verbose_name=_("regional office"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="municipalities",
        help_text=_("Empty: requests go to the national fallback office."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name


class PostcodeArea(models.Model):
    """A 4-digit postcode and a municipality it lies in, with its share of addresses."""

    pc4 = models.CharField(_("postcode (4 digits)"), max_length=4, db_index=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="postcode_areas"
    )
    share = models.FloatField(_("share of addresses"), default=1.0)

    class Meta:
        ordering = ["pc4", "-share"]
        verbose_name = _("postcode area")
        verbose_name_plural = _("postcode areas")
        constraints = [
            models.UniqueConstraint(
                fields=["pc4", "municipality"], name="unique_pc4_municipality"
            ),
        ]

    def __str__(self):
        return f"{self.pc4} {self.municipality}"


class OfficeTeam(models.Model):
    """The group whose members handle one office's requests and may edit its page.

    Kept outside the page so that revisions and translations never change it.
    """

    office = models.OneToOneField(
        RegionalOfficePage, on_delete=models.CASCADE, related_name="team"
    )
    group = models.OneToOneField(
        "auth.Group", on_delete=models.CASCADE, related_name="office_team"
    )

    class Meta:
        verbose_name = _("office team")
        verbose_name_plural = _("office teams")

    def __str__(self):
        return self.group.name
