"""The footer's table takes the app's name; its content type follows the model."""

from django.db import migrations


def rename_content_type(old, new):
    def rename(apps, schema_editor):
        content_types = apps.get_model("contenttypes", "ContentType")
        db = schema_editor.connection.alias
        moved = content_types.objects.using(db).filter(
            app_label=old, model="footersettings"
        )
        if moved.exists():
            # A post_migrate run between the two steps may have made an empty twin.
            content_types.objects.using(db).filter(
                app_label=new, model="footersettings"
            ).delete()
            moved.update(app_label=new)

    return rename


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
        ("portal", "0003_delete_footersettings"),
    ]

    operations = [
        migrations.RunPython(
            rename_content_type("portal", "core"),
            rename_content_type("core", "portal"),
        ),
        migrations.AlterModelTable(name="footersettings", table=None),
    ]
