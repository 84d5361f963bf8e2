"""Key figures and link lists stored without list item ids get stable ids.

Without them wagtail-localize cannot offer their texts for translation (see
``home/streams.py``).
"""

from django.db import migrations

from core.streams import add_list_item_ids


def forwards(apps, schema_editor):
    add_list_item_ids(
        apps, {"home.ArticlePage": ["body"]}, using=schema_editor.connection.alias
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
