"""The organisation and navigation settings, taken over from the home app.

On a site that already has them, the tables were renamed by
home.0012_move_site_settings_to_core, so the models are created in Django's
state only; their content types (and with them the groups' permissions to
edit the settings) follow them to this app."""

import django.db.models.deletion
import modelcluster.fields
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


MOVED = ("organisationsettings", "navigationsettings", "headerlink", "footerlink")


def move_content_types(apps, schema_editor):
    """Point the home app's content types for the moved models at core, so
    the permissions attached to them stay with the groups that have them."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label="core", model=model).exists():
            ContentType.objects.filter(app_label="home", model=model).update(app_label="core")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('home', '0012_move_site_settings_to_core'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailimages', '0027_image_description'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='NavigationSettings',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('footer_text', models.TextField(blank=True, help_text='A line at the foot of every page, such as who runs the campaign. Without it, the site’s description is shown.', max_length=300)),
                    ('button_label', models.CharField(blank=True, help_text='One or two words, e.g. “Donate”. Leave empty to use the page’s title.', max_length=20, verbose_name='header button text')),
                    ('button_page', models.ForeignKey(blank=True, help_text='The one page you most want every visitor to reach, usually your donate page: shown as a button at the top of every page, beside the menu, even on phones.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='header button goes to')),
                    ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
                ],
                options={
                    'verbose_name': 'navigation',
                },
                bases=(models.Model,),
            ),
            migrations.CreateModel(
                name='HeaderLink',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                    ('url', models.URLField(blank=True, help_text='…or the full address of a page on another site, starting https://', verbose_name='or address')),
                    ('label', models.CharField(blank=True, help_text='The words shown. Leave empty to use the page’s title.', max_length=40)),
                    ('page', models.ForeignKey(blank=True, help_text='A page of this site. The entry is hidden while the page is unpublished.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.WAGTAIL_PAGE_MODEL)),
                    ('setting', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='header_links', to='core.navigationsettings')),
                ],
                options={
                    'ordering': ['sort_order'],
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='FooterLink',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                    ('url', models.URLField(blank=True, help_text='…or the full address of a page on another site, starting https://', verbose_name='or address')),
                    ('label', models.CharField(blank=True, help_text='The words shown. Leave empty to use the page’s title.', max_length=40)),
                    ('page', models.ForeignKey(blank=True, help_text='A page of this site. The entry is hidden while the page is unpublished.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.WAGTAIL_PAGE_MODEL)),
                    ('setting', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='footer_links', to='core.navigationsettings')),
                ],
                options={
                    'ordering': ['sort_order'],
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='OrganisationSettings',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('organisation_name', models.CharField(blank=True, help_text='The name of the organisation running the campaign, shown in the header and footer. Leave empty to use the site’s name.', max_length=100)),
                    ('contact_email', models.EmailField(blank=True, help_text='An address the public can write to, shown at the foot of every page. Use a shared inbox, not a person’s own address.', max_length=254)),
                    ('social_links', wagtail.fields.StreamField([('link', 3)], blank=True, block_lookup={0: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('bluesky', 'Bluesky'), ('facebook', 'Facebook'), ('instagram', 'Instagram'), ('mastodon', 'Mastodon'), ('tiktok', 'TikTok'), ('x', 'X'), ('youtube', 'YouTube'), ('other', 'Other')], 'help_text': 'Where the account is. Choose “Other” for anything not listed.'}), 1: ('wagtail.blocks.URLBlock', (), {'help_text': 'The address of your profile, e.g. https://bsky.app/profile/yourname.org', 'label': 'address'}), 2: ('wagtail.blocks.CharBlock', (), {'help_text': 'The words shown. Leave empty to show the platform’s name; needed for “Other”.', 'max_length': 40, 'required': False}), 3: ('wagtail.blocks.StructBlock', [[('platform', 0), ('url', 1), ('label', 2)]], {})}, help_text='The organisation’s accounts, listed at the foot of every page in this order.')),
                    ('share_text', models.TextField(blank=True, help_text='A sentence or two shown under a shared link, and by search engines, for pages without a description of their own. Leave empty to use the site’s description.', max_length=300)),
                    ('logo', models.ForeignKey(blank=True, help_text='Shown at the top of every page instead of the name. A wide logo on a transparent or white background works best; it is shown 48 pixels tall.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image')),
                    ('share_image', models.ForeignKey(blank=True, help_text='The picture shown when someone shares a page that has none of its own (a story’s portrait comes first). It is cropped to 1200 × 630 pixels around its focal point. Its description is read out to people who cannot see it.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image')),
                    ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
                ],
                options={
                    'verbose_name': 'organisation',
                },
                bases=(models.Model,),
            ),
            ],
        ),
        migrations.RunPython(move_content_types, migrations.RunPython.noop),
    ]
