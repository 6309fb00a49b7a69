# Each row has a locale and a translation key, unique within its language.

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("home", "0015_featured_stories_locale_populate")]

    operations = [
        migrations.AlterField(
            model_name="featuredstory",
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
            model_name="featuredstory",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="featuredstory",
            unique_together={("translation_key", "locale")},
        ),
    ]
