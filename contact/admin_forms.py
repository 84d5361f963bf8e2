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
        widget=forms.SelectMultiple(attrs={"size": 15}),
        help_text=_(
            "Requests from schools in these municipalities come to this office. Type "
            "a name to jump to it; Ctrl-click (Cmd-click) to choose several. A "
            "municipality belongs to one office at most."
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

    @property
    def routes_requests(self):
        """Coverage belongs to the source-language page; translations show, not set."""
        return not self.instance.locale_id or (
            self.instance.locale_id == Locale.get_default().pk
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
        conflicts = [
            m for m in chosen if m.office_id and m.office_id != self.instance.pk
        ]
        for municipality in conflicts:
            self.add_error(
                "municipalities",
                _("%(municipality)s is already served by %(office)s.")
                % {
                    "municipality": municipality.name,
                    "office": municipality.office.title,
                },
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
