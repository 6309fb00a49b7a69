# A home page's featured stories become translatable (issue 16), so that a
# translation keeps its own through a sync: first the locale and translation
# key, empty; 0015 fills them in, 0016 requires them. A featured story may be
# any page, which wagtail-localize can set to a translation (the panel still
# offers stories only).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0013_translators"),
        ("wagtailcore", "0098_apitoken"),
        ("core", "0006_spanish_locale"),
    ]

    operations = [
        migrations.AddField(
            model_name="featuredstory",
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
            model_name="featuredstory",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="featuredstory",
            name="story",
            field=models.ForeignKey(
                help_text="A published story to show on the home page, in this order.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.page",
            ),
        ),
    ]
