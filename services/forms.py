"""The service page's admin form: its choices come from the page's own language."""

from django.urls import reverse
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import TranslatableMixin


class MeasureChooser(AdminPageChooser):
    """A measure chooser that opens at the measures index of one language."""

    def __init__(self, language_code, **kwargs):
        super().__init__(target_models=["services.MeasurePage"], **kwargs)
        self.language_code = language_code

    def get_chooser_modal_url(self):
        return reverse("services_choose_measure", args=[self.language_code])


def page_locale(instance, parent_page):
    """The locale of the page being edited, or of a new page (from its parent)."""
    if instance.locale_id:
        return instance.locale
    return parent_page.locale if parent_page is not None else None


class ServicePageForm(WagtailAdminPageForm):
    """Labels and measures of other languages are neither offered nor accepted."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        locale = page_locale(self.instance, parent_page)
        if locale is None:
            return
        # The label boxes: every choice of a translatable model.
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and issubclass(queryset.model, TranslatableMixin):
                field.queryset = queryset.filter(locale=locale)
        formset = self.formsets.get("measure_links")
        if formset is not None:
            self._limit_measures(formset, locale)

    @staticmethod
    def _limit_measures(formset, locale):
        def limit(form):
            field = form.fields.get("measure")
            if field is None:
                return
            field.queryset = field.queryset.filter(locale=locale)
            field.widget = MeasureChooser(locale.language_code)

        base = formset.form

        class MeasureLinkForm(base):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                limit(self)

        MeasureLinkForm.__name__ = base.__name__
        # Forms are built on first use, the empty form for new rows included.
        formset.form = MeasureLinkForm
        for form in formset.__dict__.get("forms", ()):
            limit(form)
