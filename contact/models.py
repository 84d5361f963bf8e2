from collections import defaultdict

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    HelpPanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import BaseLogEntry, BaseLogEntryManager, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import RICH_TEXT_FEATURES

from .admin_forms import RegionalOfficePageForm


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

    api_fields = [
        APIField("intro", writable=True),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("region index page")

    def get_context(self, request, *args, **kwargs):
        from .finder import find_office

        context = super().get_context(request, *args, **kwargs)
        context["offices"] = (
            RegionalOfficePage.objects.live().public().child_of(self).order_by("title")
        )
        context["finder"] = find_office(request, self.locale)
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

    base_form_class = RegionalOfficePageForm
    # Addresses, phone numbers and the editors' data note are the same in every
    # language; translators see only the texts readers read.
    override_translatable_fields = [
        SynchronizedField("visiting_address"),
        SynchronizedField("postal_address"),
        SynchronizedField("phone"),
        SynchronizedField("data_note"),
    ]
    parent_page_types = ["contact.RegionIndexPage"]
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
        from .finder import find_office

        context = super().get_context(request, *args, **kwargs)
        context["municipalities"] = municipalities = list(self.served_municipalities())
        provinces = defaultdict(list)
        for municipality in municipalities:
            provinces[municipality.province].append(municipality)
        context["provinces"] = sorted(provinces.items())
        context["finder"] = finder = find_office(request, self.locale)
        if finder and finder.get("office"):
            finder["serves"] = finder["office"].translation_key == self.translation_key
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


class ContactFormPage(RoutablePageMixin, Page):
    intro = RichTextField(
        _("introduction"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_(
            "Shown above the form: what a school can ask and what happens next."
        ),
    )
    privacy_text = RichTextField(
        _("privacy text"),
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "What we do with the data, how long we keep it, and the warning not to "
            "enter a child's name or diagnosis."
        ),
    )
    thank_you_text = RichTextField(
        _("thank-you text"),
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "Shown after sending, under the name of the office that received it."
        ),
    )
    fallback_office = models.ForeignKey(
        RegionalOfficePage,
        verbose_name=_("national fallback office"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Receives requests from municipalities that no regional office serves."
        ),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    api_fields = [
        APIField("intro", writable=True),
        APIField("privacy_text", writable=True),
        APIField("thank_you_text", writable=True),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("privacy_text"),
        FieldPanel("thank_you_text"),
        PageChooserPanel("fallback_office"),
    ]

    class Meta:
        verbose_name = _("contact form page")

    @path("")
    def form(self, request):
        from .views import contact_form

        return contact_form(request, self)

    @path("thanks/", name="thanks")
    def thanks(self, request):
        from .views import thanks

        return thanks(request, self, request.GET.get("request", ""))


class ContactRequest(models.Model):
    """A school's question, routed to one regional office.

    Holds personal data about a school contact (never about a child): it lives only in
    this table, is shown only to the office it was routed to, and is purged a set time
    after the request is closed (``purge_contact_requests``).
    """

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    reference = models.CharField(
        _("reference"), max_length=12, unique=True, editable=False
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    language = models.CharField(_("language"), max_length=8)
    office = models.ForeignKey(
        RegionalOfficePage,
        verbose_name=_("office"),
        on_delete=models.PROTECT,
        related_name="contact_requests",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    postcode = models.CharField(_("postcode"), max_length=6)
    school_name = models.CharField(_("school"), max_length=160)
    brin_code = models.CharField(_("BRIN code"), max_length=4, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120)
    role = models.CharField(_("role"), max_length=120)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    school_type = models.ForeignKey(
        "services.SchoolType",
        verbose_name=_("school type"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    service = models.ForeignKey(
        "services.ServicePage",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    question = models.TextField(_("question"), max_length=2000)
    consent_at = models.DateTimeField(_("consent given"))

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.NEW,
        db_index=True,
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, db_index=True)

    office_notified_at = models.DateTimeField(
        _("office notified"), null=True, blank=True
    )
    school_confirmed_at = models.DateTimeField(
        _("confirmation sent"), null=True, blank=True
    )
    mail_attempts = models.PositiveSmallIntegerField(_("mail attempts"), default=0)
    next_mail_attempt_at = models.DateTimeField(
        _("next mail attempt"), null=True, blank=True, db_index=True
    )
    last_mail_error = models.TextField(_("last mail error"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")

    def __str__(self):
        return f"{self.reference} {self.school_name}"

    def save(self, *args, **kwargs):
        # The retention period runs from closed_at, so it must follow the status
        # whoever changes it (inbox, API, shell): set on closing, cleared on reopening.
        if self.status == self.Status.CLOSED and self.closed_at is None:
            self.closed_at = timezone.now()
        elif self.status != self.Status.CLOSED:
            self.closed_at = None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "status" in update_fields:
            kwargs["update_fields"] = {*update_fields, "closed_at"}
        super().save(*args, **kwargs)

    @property
    def mail_pending(self):
        return self.office_notified_at is None or self.school_confirmed_at is None


class ContactRequestLogEntryManager(BaseLogEntryManager):
    def viewable_by_user(self, user):
        # Wagtail's generic rule (any permission on the model) would show every office's
        # entries to every team: history, reports and exports go through the one rule.
        from .access import requests_visible_to

        return self.filter(request__in=requests_visible_to(user).values("pk"))

    def get_instance_title(self, instance):
        # The label is kept as written; the reference alone identifies the request
        # to its office without repeating the school's name in every log line.
        return instance.reference

    def log_action(self, instance, action, **kwargs):
        kwargs.update(request=instance)
        return super().log_action(instance, action, **kwargs)

    def for_instance(self, instance):
        return self.filter(request=instance)


class ContactRequestLogEntry(BaseLogEntry):
    """The admin's log of a contact request, visible only to whoever sees the request.

    Deleted with the request: the purge leaves only ``PurgedContactRequest``.
    """

    request = models.ForeignKey(
        ContactRequest, on_delete=models.CASCADE, related_name="log_entries"
    )

    objects = ContactRequestLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("contact request log entry")
        verbose_name_plural = _("contact request log entries")

    @property
    def object_id(self):
        return self.request_id


class ContactRequestNote(models.Model):
    request = models.ForeignKey(
        ContactRequest, on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    text = models.TextField(_("internal note"), max_length=2000)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")

    def __str__(self):
        return f"{self.request.reference}: {self.text[:40]}"


class PurgedContactRequest(models.Model):
    """The anonymous trace a purged request leaves: when, where, nothing personal."""

    office = models.ForeignKey(
        RegionalOfficePage, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_on = models.DateField()
    closed_on = models.DateField()
    purged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-purged_at"]
        verbose_name = _("purged contact request")
        verbose_name_plural = _("purged contact requests")

    def __str__(self):
        return f"{self.received_on} - {self.closed_on} ({self.office_id})"


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
