from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import BaseLogEntry, BaseLogEntryManager, Page
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES
from core.navigation import RoutedPageMixin
from core.pages import SearchTermsMixin
from offices.models import Municipality, RegionalOfficePage


class ContactFormPage(RoutedPageMixin, RoutablePageMixin, SearchTermsMixin, Page):
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

    # Every post is routed to the office, or to this one (core.navigation.route_from).
    select_related_when_routed = ("fallback_office",)
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    # The form carries a CSRF token for each reader (core/pagecache.py).
    page_cache = False

    api_fields = [
        APIField("intro", writable=True),
        APIField("privacy_text", writable=True),
        APIField("thank_you_text", writable=True),
    ]
    search_fields = SearchTermsMixin.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("privacy_text"),
        FieldPanel("thank_you_text"),
        PageChooserPanel("fallback_office"),
    ]

    class Meta:
        verbose_name = _("contact form page")
        verbose_name_plural = _("contact form pages")

    @path("")
    def form(self, request):
        from .views import contact_form

        return contact_form(request, self)

    @path("suggestions/<str:field>/", name="suggestions")
    def suggestions(self, request, field):
        from .views import suggestions

        return suggestions(request, self, field)

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
