# Each row has a locale and a translation key, unique within its language.

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("stories", "0022_related_actions_locale_populate")]

    operations = [
        migrations.AlterField(
            model_name="storyrelatedaction",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="storyrelatedaction",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="storyrelatedaction",
            unique_together={("translation_key", "locale")},
        ),
        migrations.AlterField(
            model_name="themerelatedaction",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="themerelatedaction",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="themerelatedaction",
            unique_together={("translation_key", "locale")},
        ),
    ]
