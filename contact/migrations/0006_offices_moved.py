"""Offices, municipalities, postcodes and teams now belong to ``offices``.

State only: the tables are the same; contact's foreign keys now name the models in
their new app.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contact', '0005_request_log_entries'),
        ('offices', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='contactrequest',
                    name='municipality',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='offices.municipality', verbose_name='municipality'),
                ),
                migrations.AlterField(
                    model_name='contactrequest',
                    name='office',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='contact_requests', to='offices.regionalofficepage', verbose_name='office'),
                ),
                migrations.AlterField(
                    model_name='contactformpage',
                    name='fallback_office',
                    field=models.ForeignKey(help_text='Receives requests from municipalities that no regional office serves.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='offices.regionalofficepage', verbose_name='national fallback office'),
                ),
                migrations.AlterField(
                    model_name='purgedcontactrequest',
                    name='office',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='offices.regionalofficepage'),
                ),
                migrations.DeleteModel(name='OfficeTeam'),
                migrations.DeleteModel(name='PostcodeArea'),
                migrations.DeleteModel(name='Municipality'),
                migrations.DeleteModel(name='RegionalOfficePage'),
                migrations.DeleteModel(name='RegionIndexPage'),
            ],
            database_operations=[],
        ),
    ]
