"""The offices' inbox in the Wagtail admin: list, filter, search, export, handle.

Every queryset here starts from ``contact.access.requests_visible_to``. Requests are
searched in the database only: they must never be copied into a search index, where
they would outlive the purge and be one query away from the public search.
"""

import csv

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column, DateColumn, UserColumn
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.views.mixins import Echo, SpreadsheetExportMixin
from wagtail.admin.viewsets.model import ModelViewSet

from .access import colleagues_of, offices_of, requests_visible_to
from .models import ContactRequest, ContactRequestNote

# Excel with Dutch regional settings splits CSV on its list separator, the
# semicolon, and reads UTF-8 only after a byte order mark.
CSV_DELIMITER = ";"
BYTE_ORDER_MARK = "\ufeff"

# Spreadsheet programs run a cell starting with one of these as a formula; the
# question and names come from the public form, so exports must not.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
USER_ORDERING = ("first_name", "last_name", "username")


def neutralise_formula(value):
    return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value


def export_datetime(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def mail_state(contact_request):
    """One line on the notification and confirmation mails, for the listing."""
    if not contact_request.mail_pending:
        return _("Sent")
    if contact_request.last_mail_error:
        return ngettext(
            "Not delivered after %(count)s attempt",
            "Not delivered after %(count)s attempts",
            contact_request.mail_attempts,
        ) % {"count": contact_request.mail_attempts}
    return _("Waiting to be sent")


def _field_label(name):
    return capfirst(ContactRequest._meta.get_field(name).verbose_name)


def colleagues_in_offices_of(user):
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__office_team__office__in=offices_of(user).values("pk"),
        )
        .distinct()
        .order_by(*USER_ORDERING)
    )


class UserLabelMixin:
    """Colleagues by name, as elsewhere in the admin, rather than by username."""

    def label_from_instance(self, obj):
        return get_user_display_name(obj)


class ColleagueFilterField(UserLabelMixin, django_filters.fields.ModelChoiceField):
    pass


class ColleagueFilter(django_filters.ModelChoiceFilter):
    field_class = ColleagueFilterField


class ContactRequestFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_field_label("status"),
        choices=ContactRequest.Status.choices,
        empty_label=_("All"),
    )
    office = django_filters.ModelChoiceFilter(
        label=_field_label("office"),
        queryset=lambda request: offices_of(request.user).order_by("title"),
        method="filter_office",
        empty_label=_("All"),
    )
    assigned_to = ColleagueFilter(
        label=_field_label("assigned_to"),
        queryset=lambda request: colleagues_in_offices_of(request.user),
        empty_label=_("All"),
    )

    class Meta:
        model = ContactRequest
        fields = ["status", "office", "assigned_to"]

    def filter_office(self, queryset, name, office):
        return queryset.filter(office__translation_key=office.translation_key)


class ColleagueChoiceField(UserLabelMixin, forms.ModelChoiceField):
    pass


class ContactRequestForm(WagtailAdminModelForm):
    """Status and assignment, plus a new internal note; the request itself is fixed."""

    new_note = forms.CharField(
        label=_("New internal note"),
        required=False,
        max_length=ContactRequestNote._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Only your office sees notes. Never write down a child's name or diagnosis."
        ),
    )

    class Meta:
        model = ContactRequest
        fields = ["status", "assigned_to"]
        field_classes = {"assigned_to": ColleagueChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("assigned_to")
        if field is not None:
            # Someone who has left the team keeps the request until reassigned.
            field.queryset = (
                get_user_model()
                .objects.filter(
                    Q(pk__in=colleagues_of(self.instance.office).values("pk"))
                    | Q(pk=self.instance.assigned_to_id)
                )
                .order_by(*USER_ORDERING)
            )

    def save(self, commit=True):
        instance = super().save(commit=commit)
        text = self.cleaned_data.get("new_note", "").strip()
        if commit and text:
            ContactRequestNote.objects.create(
                request=instance, author=self.for_user, text=text
            )
        return instance


class ReadOnlyPanel(FieldPanel):
    def __init__(self, field_name, **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, **kwargs)

    def format_value_for_display(self, value):
        if value is None or value == "":
            return "—"
        return super().format_value_for_display(value)


class NotesPanel(Panel):
    """The request's internal notes, oldest first, with author and time."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "contact/admin/notes_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["notes"] = self.instance.notes.select_related("author")
            return context


class InboxIndexView(IndexView):
    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        str: {SpreadsheetExportMixin.FORMAT_CSV: neutralise_formula},
    }
    custom_field_preprocess = {
        "created_at": {SpreadsheetExportMixin.FORMAT_CSV: export_datetime},
        "closed_at": {
            SpreadsheetExportMixin.FORMAT_CSV: lambda value: (
                export_datetime(value) if value else ""
            )
        },
    }

    def get_base_queryset(self):
        return requests_visible_to(self.request.user).select_related(
            "office", "assigned_to", "assigned_to__wagtail_userprofile"
        )

    def stream_csv(self, queryset):
        writer = csv.DictWriter(
            Echo(), fieldnames=self.list_export, delimiter=CSV_DELIMITER
        )
        yield BYTE_ORDER_MARK.encode()
        yield writer.writerow(
            {field: self.get_heading(queryset, field) for field in self.list_export}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        row["status"] = item.get_status_display()
        row["assigned_to"] = (
            get_user_display_name(item.assigned_to) if item.assigned_to else ""
        )
        return row


class InboxEditView(EditView):
    def get_queryset(self):
        # Another office's request is a 404, exactly like one that does not exist.
        return requests_visible_to(self.request.user).select_related(
            "office",
            "municipality",
            "school_type",
            "service",
            "assigned_to",
        )

    def get_success_url(self):
        # Stay on the request: the new note or status is what the user wants to see.
        return self.get_edit_url()


class ContactRequestViewSet(ModelViewSet):
    model = ContactRequest
    name = "contact_requests"
    url_prefix = "requests"
    icon = "mail"
    menu_label = _("Requests")
    menu_order = 150
    add_to_admin_menu = True
    # Requests hold personal data: no reference index, copies or usage views.
    add_to_reference_index = False
    copy_view_enabled = False
    index_view_class = InboxIndexView
    edit_view_class = InboxEditView

    list_display = [
        "reference",
        DateColumn(
            "created_at", label=_field_label("created_at"), sort_key="created_at"
        ),
        "school_name",
        "office",
        "status",
        UserColumn("assigned_to", label=_field_label("assigned_to")),
        Column("mail_state", label=_("Mail"), accessor=mail_state),
    ]
    filterset_class = ContactRequestFilterSet
    search_fields = ["reference", "school_name", "contact_name"]
    # Falsy: Wagtail filters with icontains in the database instead of a search index.
    search_backend_name = None
    ordering = "-created_at"
    list_per_page = 50
    list_export = [
        "reference",
        "created_at",
        "office",
        "status",
        "assigned_to",
        "closed_at",
        "school_name",
        "brin_code",
        "school_type",
        "postcode",
        "municipality",
        "contact_name",
        "role",
        "email",
        "phone",
        "service",
        "question",
    ]
    export_filename = "aanvragen"

    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    ReadOnlyPanel("reference"),
                    ReadOnlyPanel("created_at"),
                    ReadOnlyPanel("office"),
                    ReadOnlyPanel("service"),
                    ReadOnlyPanel("question"),
                    ReadOnlyPanel("consent_at"),
                ],
                heading=_("Request"),
            ),
            MultiFieldPanel(
                [
                    ReadOnlyPanel("school_name"),
                    ReadOnlyPanel("brin_code"),
                    ReadOnlyPanel("school_type"),
                    ReadOnlyPanel("postcode"),
                    ReadOnlyPanel("municipality"),
                    ReadOnlyPanel("contact_name"),
                    ReadOnlyPanel("role"),
                    ReadOnlyPanel("email"),
                    ReadOnlyPanel("phone"),
                ],
                heading=_("School and contact person"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("status"),
                    FieldPanel("assigned_to"),
                    ReadOnlyPanel("closed_at"),
                ],
                heading=_("Handling"),
            ),
            MultiFieldPanel(
                [NotesPanel(), FieldPanel("new_note")],
                heading=_("Internal notes"),
            ),
            MultiFieldPanel(
                [
                    ReadOnlyPanel("office_notified_at"),
                    ReadOnlyPanel("school_confirmed_at"),
                    ReadOnlyPanel("mail_attempts"),
                    ReadOnlyPanel("next_mail_attempt_at"),
                    ReadOnlyPanel("last_mail_error"),
                ],
                heading=_("Mail delivery"),
            ),
        ],
        base_form_class=ContactRequestForm,
    )

    def get_common_view_kwargs(self, **kwargs):
        # Only the list and the edit view exist; see get_urlpatterns.
        return super().get_common_view_kwargs(
            add_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            **kwargs,
        )

    def get_urlpatterns(self):
        return [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name in {"index", "index_results", "edit"}
        ]

    def get_permissions_to_register(self):
        # One box in the group editor: "change" is what working the inbox takes.
        return (
            super()
            .get_permissions_to_register()
            .filter(codename="change_contactrequest")
        )
