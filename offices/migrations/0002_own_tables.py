"""The tables take the app's name, and pages and permissions follow their models."""

from django.db import migrations

from core.moves import move_content_types

MODELS = [
    "regionindexpage",
    "regionalofficepage",
    "municipality",
    "postcodearea",
    "officeteam",
]


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("contact", "0006_offices_moved"),
        ("offices", "0001_initial"),
    ]

    operations = [
        move_content_types(MODELS, "contact", "offices"),
        *(migrations.AlterModelTable(name=model, table=None) for model in MODELS),
    ]
