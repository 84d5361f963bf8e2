from django.db import migrations

from offices import reference_data


def load(apps, schema_editor):
    reference_data.load(
        apps.get_model("contact", "Municipality"),
        apps.get_model("contact", "PostcodeArea"),
        using=schema_editor.connection.alias,
    )


class Migration(migrations.Migration):
    dependencies = [("contact", "0002_municipalities")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
