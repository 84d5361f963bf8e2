"""The footer's table takes the app's name; its content type follows the model."""

from django.db import migrations

from core.moves import move_content_types


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
        ("portal", "0003_delete_footersettings"),
    ]

    operations = [
        move_content_types(["footersettings"], "portal", "core"),
        migrations.AlterModelTable(name="footersettings", table=None),
    ]
