"""The footer settings now belong to ``core`` (state only: the table stays)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0002_footer_statements"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="FooterSettings")],
            database_operations=[],
        ),
    ]
