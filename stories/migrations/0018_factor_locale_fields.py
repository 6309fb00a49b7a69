# Contributing factors become translatable (issue 16): first the locale and
# translation key, empty; 0019 fills them in, 0020 requires them.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0017_numbers_page_and_registry_figures"),
        ("wagtailcore", "0098_apitoken"),
        ("core", "0006_spanish_locale"),
    ]

    operations = [
        migrations.AddField(
            model_name="contributingfactor",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="contributingfactor",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
    ]
