"""Keeping a translated page's links inside its own language.

wagtail-localize copies references to other pages and many-to-many snippet choices
as they are in the Dutch source, so an English service page would list Dutch
measures and Dutch target groups. Pages that hold such references remap them to the
counterpart in their own locale when they are saved (an untranslated page still has
an alias in a synchronised locale, so the link stays within the language's tree).
"""

from django.db.models import F, Q
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models

from core.navigation import public
from core.versions import PerVersion

_memo = PerVersion(size=8)


def in_locale(items, locale_id):
    """``items`` with each replaced by its translation in ``locale_id``, if any."""
    items = list(items)
    foreign = [item for item in items if item.locale_id != locale_id]
    if not foreign:
        return items
    model = type(foreign[0])
    translations = {
        item.translation_key: item
        for item in model.objects.filter(
            translation_key__in={item.translation_key for item in foreign},
            locale_id=locale_id,
        )
    }
    return [
        translations.get(item.translation_key, item)
        if item.locale_id != locale_id
        else item
        for item in items
    ]


class LocalizedReferencesMixin:
    """Remaps the model's cross-language references on save.

    ``localized_references`` names foreign keys to pages or translatable models,
    many-to-many fields (``ParentalManyToManyField``) and ``child.field`` paths of
    inline child objects.
    """

    localized_references = ()

    def save(self, *args, **kwargs):
        self.localize_references()
        return super().save(*args, **kwargs)

    def localize_references(self):
        for reference in self.localized_references:
            if "." in reference:
                self._localize_children(*reference.split(".", 1))
                continue
            field = self._meta.get_field(reference)
            if field.many_to_many:
                current = list(getattr(self, reference).all())
                localized = in_locale(current, self.locale_id)
                if [item.pk for item in localized] != [item.pk for item in current]:
                    setattr(self, reference, localized)
                continue
            target = getattr(self, reference)
            if isinstance(target, TranslatableMixin):
                setattr(self, reference, in_locale([target], self.locale_id)[0])

    def _localize_children(self, relation, field_name):
        children = list(getattr(self, relation).all())
        targets = [getattr(child, field_name) for child in children]
        localized = in_locale(targets, self.locale_id)
        if [t.pk for t in localized] == [t.pk for t in targets]:
            return
        for child, target in zip(children, localized, strict=True):
            setattr(child, field_name, target)
        setattr(self, relation, children)


def locale_for(language_code):
    """The locale of ``language_code`` (None without one), read once per content
    version: every page served is checked against the requested language."""
    locales = _memo.get(
        "locales",
        lambda: {locale.language_code: locale for locale in Locale.objects.all()},
    )
    return locales.get(language_code)


def locale_id_for(language_code):
    locale = locale_for(language_code)
    return locale.pk if locale else None


def is_untranslated_alias(page):
    """Whether ``page`` only mirrors a page of another language (a synced alias)."""
    return bool(page.alias_of_id) and page.alias_of.locale_id != page.locale_id


def untranslated_alias_language(page):
    """The language code of the text ``page`` shows if it is an untranslated alias,
    else ``None``. Pages that are no alias cost no query."""
    if isinstance(page, Page) and is_untranslated_alias(page):
        return page.alias_of.locale.language_code
    return None


def without_untranslated_aliases(pages):
    """``pages`` less the synchronised aliases that show another language's text."""
    return pages.filter(Q(alias_of__isnull=True) | Q(alias_of__locale=F("locale")))


def translated_versions(page):
    """The live, public versions of ``page`` per language code, this one included.

    Synchronised aliases are left out: they show the source text, so they are not a
    version of the page in their language.
    """
    versions = without_untranslated_aliases(
        public(page.get_translations(inclusive=True).live())
    ).select_related("locale")
    return {version.locale.language_code: version for version in versions}


def translatable_snippet_models():
    """Every translatable snippet type, in the order the apps register them."""
    return [
        model for model in get_snippet_models() if issubclass(model, TranslatableMixin)
    ]
