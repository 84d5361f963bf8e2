"""Regional offices, moved here from ``contact`` with their data."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contact', '0005_request_log_entries'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        # The models were contact's: their tables, rows and page tree stay as they are
        # (0002 renames the tables once contact no longer points at them).
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='RegionalOfficePage',
                fields=[
                    ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                    ('description', models.TextField(blank=True, help_text='Who this MEE organisation is and what it does for schools.', max_length=600, verbose_name='short description')),
                    ('visiting_address', models.TextField(blank=True, help_text='Street, number, postcode and place, one per line.', verbose_name='visiting address')),
                    ('postal_address', models.TextField(blank=True, help_text='Only when it differs from the visiting address.', verbose_name='postal address')),
                    ('phone', models.CharField(blank=True, help_text='As callers dial it, for example "0181 33 35 07".', max_length=40, verbose_name='phone')),
                    ('email', models.EmailField(blank=True, help_text='The general address schools may write to.', max_length=254, verbose_name='email')),
                    ('website', models.URLField(blank=True, verbose_name='website')),
                    ('opening_hours', models.TextField(blank=True, help_text='One line per day or range, for example "ma-vr 9.00-17.00".', verbose_name='opening hours')),
                    ('area_served', models.TextField(blank=True, help_text='The municipalities or region this office serves, in words.', verbose_name='area served')),
                    ('data_confidence', models.CharField(choices=[('confirmed', 'Confirmed'), ('inferred', 'Inferred'), ('uncertain', 'Uncertain')], default='confirmed', help_text='How sure we are about this organisation and its area. Check anything that is not confirmed with the organisation before relying on it.', max_length=20, verbose_name='reliability of the data')),
                    ('data_note', models.TextField(blank=True, help_text='Where the data comes from and what is still unverified.', verbose_name='source note')),
                ],
                options={
                    'db_table': 'contact_regionalofficepage',
                    'verbose_name': 'regional MEE office',
                    'verbose_name_plural': 'regional MEE offices',
                },
                bases=('wagtailcore.page',),
            ),
            migrations.CreateModel(
                name='RegionIndexPage',
                fields=[
                    ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                    ('intro', models.TextField(blank=True, help_text='Explains that schools are helped by the MEE organisation of their region.', verbose_name='introduction')),
                ],
                options={
                    'db_table': 'contact_regionindexpage',
                    'verbose_name': 'region index page',
                },
                bases=('wagtailcore.page',),
            ),
            migrations.CreateModel(
                name='OfficeTeam',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('group', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='office_team', to='auth.group')),
                    ('office', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='team', to='offices.regionalofficepage')),
                ],
                options={
                    'db_table': 'contact_officeteam',
                    'verbose_name': 'office team',
                    'verbose_name_plural': 'office teams',
                },
            ),
            migrations.CreateModel(
                name='Municipality',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('code', models.CharField(max_length=6, unique=True, verbose_name='CBS code')),
                    ('name', models.CharField(max_length=80, verbose_name='name')),
                    ('province', models.CharField(max_length=40, verbose_name='province')),
                    ('office', models.ForeignKey(blank=True, help_text='Empty: requests go to the national fallback office.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='municipalities', to='offices.regionalofficepage', verbose_name='regional office')),
                ],
                options={
                    'db_table': 'contact_municipality',
                    'verbose_name': 'municipality',
                    'verbose_name_plural': 'municipalities',
                    'ordering': ['name'],
                },
            ),
            migrations.CreateModel(
                name='PostcodeArea',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('pc4', models.CharField(db_index=True, max_length=4, verbose_name='postcode (4 digits)')),
                    ('share', models.FloatField(default=1.0, verbose_name='share of addresses')),
                    ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='postcode_areas', to='offices.municipality')),
                ],
                options={
                    'db_table': 'contact_postcodearea',
                    'verbose_name': 'postcode area',
                    'verbose_name_plural': 'postcode areas',
                    'ordering': ['pc4', '-share'],
                    'constraints': [models.UniqueConstraint(fields=('pc4', 'municipality'), name='unique_pc4_municipality')],
                },
            ),
            ],
            database_operations=[],
        ),
    ]
