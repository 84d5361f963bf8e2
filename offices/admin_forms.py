"""The office page's admin form: which municipalities the office serves."""

from collections import defaultdict

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Locale


def municipality_choices():
    from .models import Municipality

    by_province = defaultdict(list)
    for code, name, province in Municipality.objects.order_by("name").values_list(
        "code", "name", "province"
    ):
        by_province[province].append((code, name))
    return sorted(by_province.items())


def province_choices():
    return [("", _("(none)"))] + [(p, p) for p, _items in municipality_choices()]


class RegionalOfficePageForm(WagtailAdminPageForm):
    municipalities = forms.MultipleChoiceField(
        label=_("Municipalities served"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Requests from schools in these municipalities come to this office at "
            "once, without moderation. A municipality belongs to one office at most. "
            "Only editors who may publish this page can change it."
        ),
    )
    add_province = forms.ChoiceField(
        label=_("Add a whole province"),
        required=False,
        help_text=_(
            "Adds every municipality of the province to the ones chosen above."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].choices = municipality_choices()
        self.fields["add_province"].choices = province_choices()
        if self.instance.pk:
            self.initial["municipalities"] = list(
                self.instance.municipalities.values_list("code", flat=True)
            )
        if not self.routes_requests:
            # Disabled fields ignore whatever is posted for them.
            self.fields["municipalities"].disabled = True
            self.fields["add_province"].disabled = True

    @property
    def routes_requests(self):
        """Whether this form may change routing.

        Coverage belongs to the source-language page (translations show it), and it
        takes effect when saved, not when published: so only a user who could
        publish the page may change it, never office staff editing their own page.
        """
        if (
            self.instance.locale_id
            and self.instance.locale_id != Locale.get_default().pk
        ):
            return False
        user = self.for_user
        if user is None or user.is_superuser:
            return user is not None
        if self.instance.pk:
            return self.instance.permissions_for_user(user).can_publish()
        parent = self.parent_page
        return (
            parent is not None
            and parent.permissions_for_user(user).can_publish_subpage()
        )

    def clean(self):
        from .models import Municipality

        cleaned = super().clean()
        if not self.routes_requests:
            return cleaned
        codes = set(cleaned.get("municipalities") or [])
        if cleaned.get("add_province"):
            codes |= set(
                Municipality.objects.filter(
                    province=cleaned["add_province"]
                ).values_list("code", flat=True)
            )
        chosen = list(
            Municipality.objects.filter(code__in=codes).select_related("office")
        )
        conflicts = defaultdict(list)
        for municipality in chosen:
            if municipality.office_id and municipality.office_id != self.instance.pk:
                conflicts[municipality.office.title].append(municipality.name)
        for office, names in sorted(conflicts.items()):
            self.add_error(
                "municipalities",
                _("Already served by %(office)s: %(municipalities)s.")
                % {"office": office, "municipalities": ", ".join(sorted(names))},
            )
        self.chosen_municipalities = chosen
        return cleaned

    def save(self, commit=True):
        page = super().save(commit=commit)
        if self.routes_requests:
            # Applied when the page is saved (now, or when Wagtail adds the new page):
            # routing data takes effect at once, not only when a revision is published.
            page.pending_municipalities = self.chosen_municipalities
            if page.pk:
                page.apply_pending_municipalities()
        return page
