"""The contact form: one validation path for the HTML page and the JSON API."""

import re
import secrets
import time
from contextlib import nullcontext

from django import forms
from django.conf import settings
from django.core import signing
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.navigation import public
from core.versions import PerVersion
from offices.models import Municipality
from offices.routing import (
    MUNICIPALITY_CODE,
    normalise_postcode,
    route_municipality,
    route_postcode,
)
from services.models import SchoolType, ServicePage

from .models import ContactRequest

STARTED_SALT = "contact.form.started"
BRIN = re.compile(r"^[0-9]{2}[A-Z]{2}$")
PHONE = re.compile(r"^\+?[0-9 ()-]{10,20}$")
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_memo = PerVersion(size=8)


def started_token():
    """A signed time stamp: when the form was shown, for the minimum fill time."""
    return signing.dumps(time.time(), salt=STARTED_SALT)


class TelInput(forms.TextInput):
    input_type = "tel"


def _spaces(value):
    return " ".join(str(value).split())


class MunicipalityField(forms.ChoiceField):
    """A municipality by its code (the API, the choices it lists) or by its name as
    a school types it (the HTML form, which suggests names rather than listing
    every municipality in the page). Checked with one lookup, not the whole list.
    """

    def to_python(self, value):
        value = _spaces(super().to_python(value))
        if not value or MUNICIPALITY_CODE.match(value.upper()):
            return value.upper()
        code = (
            Municipality.objects.filter(name__iexact=value)
            .values_list("code", flat=True)
            .first()
        )
        return code or value

    def valid_value(self, value):
        return Municipality.objects.filter(code=value).exists()


class ServiceField(forms.ModelChoiceField):
    """A service by its id (the API, a service page's link) or its title as typed."""

    def to_python(self, value):
        if isinstance(value, str) and _spaces(value) and not value.strip().isdigit():
            found = self.queryset.filter(title__iexact=_spaces(value)).first()
            if found is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice"
                )
            return found
        return super().to_python(value)


class SchoolTypeField(forms.ModelChoiceField):
    """A school type by its slug (the token facets and vocabularies use, in every
    language), from those of ``locale`` that this process keeps for the content
    version: every post names one."""

    locale = None

    def to_python(self, value):
        if value in self.empty_values:
            return None
        kinds = SchoolType.objects.filter(locale=self.locale)
        types = _memo.get(
            ("school_types", self.locale.pk),
            lambda: {kind.slug: kind for kind in kinds},
        )
        if (found := types.get(str(value))) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return found


def municipality_choices():
    return [("", _("Choose your municipality"))] + list(
        Municipality.objects.values_list("code", "name")
    )


def services_of(locale):
    """The services a school may choose, in the tree's order."""
    return public(ServicePage.objects.live().filter(locale=locale)).order_by("path")


class SpamError(Exception):
    """The submission looks automated; it is refused without saying why in detail."""


class ContactForm(forms.Form):
    school_name = forms.CharField(
        label=_("Name of the school"),
        max_length=160,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    brin_code = forms.CharField(
        label=_("BRIN code (optional)"),
        max_length=8,
        required=False,
        help_text=_("The school's four-character code, for example 12AB."),
    )
    school_type = SchoolTypeField(
        label=_("Type of school"),
        queryset=SchoolType.objects.none(),
        to_field_name="slug",
        empty_label=_("Choose a type of school"),
    )
    postcode = forms.CharField(
        label=_("Postcode of the school"),
        max_length=10,
        help_text=_(
            "We use it to send your question to the MEE office of your region."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    municipality = MunicipalityField(
        label=_("Municipality of the school"),
        required=False,
        help_text=_("Only needed when we cannot tell it from the postcode."),
        # Read only where the choices are listed (the API's form description).
        choices=municipality_choices,
        error_messages={
            "invalid_choice": _(
                "We do not know this municipality. Check how it is spelled."
            )
        },
    )
    contact_name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    role = forms.CharField(
        label=_("Your role at the school"),
        max_length=120,
        help_text=_("For example intern begeleider, teacher or director."),
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone number (optional)"),
        max_length=20,
        required=False,
        widget=TelInput(attrs={"autocomplete": "tel"}),
    )
    service = ServiceField(
        label=_("Service you are interested in"),
        queryset=ServicePage.objects.none(),
        required=False,
        empty_label=_("Not sure yet"),
        error_messages={
            "invalid_choice": _(
                "We do not know this service. Leave the field empty if you are "
                "not sure."
            )
        },
    )
    question = forms.CharField(
        label=_("Your question"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Describe what your school needs. Do not enter a child's name, date of "
            "birth, diagnosis or other details that identify a pupil."
        ),
    )
    consent = forms.BooleanField(
        label=_("I agree that MEE uses these details to answer my question."),
        error_messages={"required": _("We can only answer if you agree to this.")},
    )
    # Hidden from people (CSS and aria-hidden); bots that fill every field give
    # themselves away.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, locale, fallback_office, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale = locale
        self.fallback_office = fallback_office
        self.route = None
        self.fields["school_type"].queryset = SchoolType.objects.filter(locale=locale)
        self.fields["school_type"].locale = locale
        self.fields["service"].queryset = services_of(locale)
        if not self.is_bound:
            self.initial.setdefault("started", started_token())

    def full_clean(self):
        super().full_clean()
        # Screen readers announce a field's error with the field, then its hint.
        for name in self.errors:
            if name in self.fields:
                auto_id = self[name].auto_id
                ids = [f"{auto_id}_error"]
                if self.fields[name].help_text:
                    ids.append(f"{auto_id}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)

    def clean_brin_code(self):
        value = re.sub(r"\s+", "", self.cleaned_data["brin_code"]).upper()
        if value and not BRIN.match(value):
            raise forms.ValidationError(
                _("A BRIN code is two digits and two letters, for example 12AB.")
            )
        return value

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        if value and not PHONE.match(value):
            raise forms.ValidationError(
                _("Enter a phone number of at least 10 digits, e.g. 050 123 45 67.")
            )
        return value

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data["postcode"])

    def check_spam(self):
        """Raises SpamError for the honeypot, a missing stamp or a too-fast send."""
        if self.data.get("website"):
            raise SpamError("honeypot")
        try:
            started = signing.loads(self.data.get("started", ""), salt=STARTED_SALT)
        except signing.BadSignature:
            raise SpamError("no start stamp") from None
        if time.time() - float(started) < settings.PORTAL_CONTACT_MIN_FILL_SECONDS:
            raise SpamError("too fast")

    def clean(self):
        cleaned = super().clean()
        if "postcode" not in cleaned:
            return cleaned
        route = route_postcode(cleaned["postcode"], self.fallback_office)
        chosen = cleaned.get("municipality")
        if chosen and (
            not route.municipalities or chosen in {m.code for m in route.municipalities}
        ):
            route = route_municipality(chosen, self.fallback_office)
            route.postcode = cleaned["postcode"]
        if route.office is None:
            message = (
                _("This postcode lies in more than one municipality. Choose yours.")
                if route.municipalities
                else _("We do not know this postcode. Choose your municipality.")
            )
            self.add_error("municipality", message)
        self.route = route
        return cleaned

    def save(self):
        """Commits the request (before any mail is tried) and returns it."""
        data = self.cleaned_data
        municipality = (
            self.route.municipalities[0]
            if len(self.route.municipalities) == 1
            else None
        )
        for _attempt in range(5):
            try:
                # Alone, the INSERT commits by itself and a collision leaves nothing
                # to roll back; inside a transaction, a savepoint keeps it usable.
                savepoint = connection.in_atomic_block
                with transaction.atomic() if savepoint else nullcontext():
                    return ContactRequest.objects.create(
                        reference=new_reference(),
                        language=get_language() or settings.LANGUAGE_CODE,
                        office=self.route.office,
                        municipality=municipality,
                        postcode=data["postcode"],
                        school_name=data["school_name"],
                        brin_code=data["brin_code"],
                        contact_name=data["contact_name"],
                        role=data["role"],
                        email=data["email"],
                        phone=data["phone"],
                        school_type=data["school_type"],
                        service=data["service"],
                        question=data["question"],
                        consent_at=timezone.now(),
                    )
            except IntegrityError:
                continue  # a reference collision, vanishingly rare: draw again
        raise RuntimeError("Could not draw a unique reference")


def new_reference():
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


class SuggestingInput(forms.TextInput):
    """A text box whose suggestions the page's script fills in as the school types
    (``<datalist>``, the browser's own accessible list); without the script it is a
    plain text box that the server checks."""

    def __init__(self, suggestions_url, attrs=None):
        super().__init__(attrs)
        self.suggestions_url = suggestions_url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["list"] = f"{widget_attrs['id']}_suggestions"
        widget_attrs["data-suggestions-url"] = self.suggestions_url
        widget_attrs["autocomplete"] = "off"
        return context


class ContactPageForm(ContactForm):
    """The HTML page's form: municipality and service are typed, with suggestions
    looked up as the school types, instead of every choice in the page."""

    SUGGESTED = ("municipality", "service")

    def __init__(self, *args, suggestions_urls, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.SUGGESTED:
            self.fields[name].widget = SuggestingInput(suggestions_urls[name])
        service = self.initial.get("service")
        if not self.is_bound and service and str(service).isdigit():
            # A service page's link names the service by id; the box shows its title.
            title = (
                self.fields["service"]
                .queryset.filter(pk=service)
                .values_list("title", flat=True)
                .first()
            )
            self.initial["service"] = title or ""
