"""The tables take the app's name, and pages and permissions follow their models.

The content types are renamed rather than recreated, so existing office pages, their
revisions, translations, log entries and every group's permissions keep pointing at
them.
"""

from django.db import migrations

MODELS = [
    "regionindexpage",
    "regionalofficepage",
    "municipality",
    "postcodearea",
    "officeteam",
]


def rename_content_types(old, new):
    def rename(apps, schema_editor):
        content_types = apps.get_model("contenttypes", "ContentType")
        db = schema_editor.connection.alias
        for model in MODELS:
            moved = content_types.objects.using(db).filter(app_label=old, model=model)
            if not moved.exists():
                continue
            # A post_migrate run between the two steps may have made an empty twin.
            content_types.objects.using(db).filter(app_label=new, model=model).delete()
            moved.update(app_label=new)

    return rename


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("contact", "0006_offices_moved"),
        ("offices", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(
            rename_content_types("contact", "offices"),
            rename_content_types("offices", "contact"),
        ),
        *(migrations.AlterModelTable(name=model, table=None) for model in MODELS),
    ]
