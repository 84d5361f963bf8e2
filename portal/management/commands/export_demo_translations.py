from django.core.management.base import BaseCommand
from wagtail.models import Locale

from portal import demo_i18n


class Command(BaseCommand):
    help = (
        "Write the PO file of every demo page and label for LANGUAGE into "
        "portal/demo_content/, keeping the translations made so far. Run it after "
        "changing the Dutch demo texts, then fill the empty msgstr entries."
    )

    def add_arguments(self, parser):
        parser.add_argument("language", help="A language code, such as en.")

    def handle(self, *args, language, **options):
        source_locale = Locale.get_default()
        demo_i18n.ensure_locale(language, source_locale)
        written = 0
        for instance in demo_i18n.translatable_objects(source_locale):
            path = demo_i18n.PO_DIR / language / demo_i18n.po_name(instance)
            path.parent.mkdir(parents=True, exist_ok=True)
            po = demo_i18n.export_po(instance, language)
            po.save(str(path))
            written += 1
            empty = sum(1 for entry in po if not entry.msgstr and not entry.obsolete)
            if empty:
                self.stdout.write(f"{path}: {empty} untranslated")
        self.stdout.write(self.style.SUCCESS(f"{written} PO files written."))
