"""The demo site in other languages, made the way editors make translations.

Each translation is a wagtail-localize ``Translation`` of the Dutch source, filled by
importing a PO file kept in ``portal/demo_content/<language>/`` (the same path a
translator's PO upload takes in the admin), then saved and published by
wagtail-localize. Nothing is copied by hand, so the demo exercises the machinery
editors use.
"""

from pathlib import Path

import polib
from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    LocaleSynchronization,
    Translation,
    TranslationSource,
)

from home.models import HomePage
from services.models import SchoolType, TargetGroup, Theme

PO_DIR = Path(__file__).resolve().parent / "demo_content"
TAXONOMIES = (TargetGroup, Theme, SchoolType)


def po_name(instance):
    """The PO file of an object: its URL path for pages, model and slug otherwise."""
    if isinstance(instance, Page):
        home = HomePage.objects.get(locale_id=instance.locale_id)
        relative = instance.url_path[len(home.url_path) :].strip("/")
        return f"pages/{relative or 'home'}.po"
    return f"snippets/{instance._meta.model_name}/{instance.slug}.po"


def translatable_objects(source_locale):
    """The demo's source objects, labels first: pages refer to them."""
    for model in TAXONOMIES:
        yield from model.objects.filter(locale=source_locale).order_by("slug")
    home = HomePage.objects.get(locale=source_locale)
    yield from (
        Page.objects.descendant_of(home, inclusive=True).order_by("path").specific()
    )


def ensure_locale(language_code, source_locale):
    """The locale, synchronised from the source so untranslated pages get aliases."""
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    LocaleSynchronization.objects.get_or_create(
        locale=locale, defaults={"sync_from": source_locale}
    )
    return locale


def export_po(instance, language_code):
    """The PO file of ``instance`` for ``language_code``, translations so far kept."""
    source, _ = TranslationSource.get_or_create_from_instance(instance)
    source.update_from_db()
    locale = Locale.objects.get(language_code=language_code)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale
    )
    po = translation.export_po()
    # Without the id the file imports into any database's translation of the object.
    del po.metadata["X-WagtailLocalize-TranslationID"]
    del po.metadata["POT-Creation-Date"]
    po.metadata["Language"] = language_code
    return po


@transaction.atomic
def load_translations(language_code):
    """Translate every demo object that has a PO file; already translated ones stay.

    Returns the number of objects translated by this call.
    """
    source_locale = Locale.get_default()
    locale = ensure_locale(language_code, source_locale)
    translated = 0
    for instance in translatable_objects(source_locale):
        path = PO_DIR / language_code / po_name(instance)
        if not path.exists():
            continue
        existing = instance.get_translation_or_none(locale)
        if existing is not None and not getattr(existing, "alias_of_id", None):
            continue
        source, _ = TranslationSource.get_or_create_from_instance(instance)
        translation, _ = Translation.objects.get_or_create(
            source=source, target_locale=locale
        )
        translation.import_po(polib.pofile(str(path)))
        translation.save_target(publish=True)
        translated += 1
    return translated
