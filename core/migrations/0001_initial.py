"""The footer settings, moved here from ``portal`` with their data."""

import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('portal', '0002_footer_statements'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        # The footer settings were portal's: the table and its row stay (0002 renames it
        # once portal no longer declares the model).
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='FooterSettings',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('organisation', models.CharField(default='MEE NL', help_text='The name shown in the footer and the copyright line.', max_length=120, verbose_name='organisation')),
                    ('address', models.TextField(blank=True, help_text='One line per line.', verbose_name='address')),
                    ('phone', models.CharField(blank=True, max_length=40, verbose_name='phone')),
                    ('email', models.EmailField(blank=True, help_text='A general address; regional offices have their own.', max_length=254, verbose_name='email')),
                    ('social_links', wagtail.fields.StreamField([('link', 2)], blank=True, block_lookup={0: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('linkedin', 'LinkedIn'), ('facebook', 'Facebook'), ('instagram', 'Instagram'), ('youtube', 'YouTube'), ('x', 'X'), ('bluesky', 'Bluesky'), ('mastodon', 'Mastodon')], 'label': 'Platform'}), 1: ('wagtail.blocks.URLBlock', (), {'label': 'Profile URL'}), 2: ('wagtail.blocks.StructBlock', [[('platform', 0), ('url', 1)]], {})}, verbose_name='social links')),
                    ('accessibility_page', models.ForeignKey(blank=True, help_text='The accessibility statement (toegankelijkheidsverklaring), linked from the footer of every page.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='accessibility statement')),
                    ('colophon_page', models.ForeignKey(blank=True, help_text='Who makes this site, linked from the footer of every page.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='colophon')),
                    ('privacy_page', models.ForeignKey(blank=True, help_text='Linked from the footer of every page.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='privacy page')),
                    ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
                ],
                options={
                    'db_table': 'portal_footersettings',
                    'verbose_name': 'footer',
                },
            ),
            ],
            database_operations=[],
        ),
    ]
