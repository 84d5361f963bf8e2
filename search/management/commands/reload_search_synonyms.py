from django.core.management.base import BaseCommand

from search.backends import read_synonyms
from search.query import engine_backend


class Command(BaseCommand):
    help = (
        "Loads the synonyms file (PORTAL_SEARCH_SYNONYMS) into the live search index "
        "without reindexing. Searches use the database for about a second meanwhile."
    )

    def handle(self, **options):
        backend = engine_backend()
        if backend is None:
            self.stdout.write("The database search backend uses no synonyms.")
            return
        synonyms = read_synonyms()
        names = backend.reload_synonyms(synonyms)
        if not names:
            self.stdout.write("No search index yet: run `manage.py update_index`.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {len(synonyms)} synonym groups into {', '.join(names)}."
            )
        )
