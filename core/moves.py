"""Moving models between apps in a migration, their data and history kept."""

from django.db import migrations


def _rename(models, old, new):
    def rename(apps, schema_editor):
        content_types = apps.get_model("contenttypes", "ContentType")
        db = schema_editor.connection.alias
        for model in models:
            moved = content_types.objects.using(db).filter(app_label=old, model=model)
            if not moved.exists():
                continue
            # A post_migrate run between the two steps may have made an empty twin.
            content_types.objects.using(db).filter(app_label=new, model=model).delete()
            moved.update(app_label=new)

    return rename


def move_content_types(models, old, new):
    """The operation that renames the content types of ``models`` from app ``old``
    to app ``new`` (and back when unapplied).

    Renamed rather than recreated, so pages, revisions, translations, log entries
    and every group's permissions keep pointing at them.
    """
    return migrations.RunPython(_rename(models, old, new), _rename(models, new, old))
