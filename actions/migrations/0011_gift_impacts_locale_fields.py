# A donation appeal's gift impacts become translatable (issue 16), so that a
# translation keeps its descriptions through a sync: first the locale and
# translation key, empty; 0012 fills them in, 0013 requires them.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0010_tax_status_in_other_languages"),
        ("wagtailcore", "0098_apitoken"),
        ("core", "0006_spanish_locale"),
    ]

    operations = [
        migrations.AddField(
            model_name="giftimpact",
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
            model_name="giftimpact",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
    ]
