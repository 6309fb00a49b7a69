# The actions chosen for a story or explainer become translatable (issue 16),
# so that a translation keeps its own through a sync: first the locale and
# translation key, empty; 0022 fills them in, 0023 requires them. An action may
# be any page, which wagtail-localize can set to a translation (the panel still
# offers actions only); they are in the order staff set, as other inline rows.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0020_factor_locale_unique"),
        ("wagtailcore", "0098_apitoken"),
        ("core", "0006_spanish_locale"),
    ]

    operations = [
        migrations.AlterModelOptions(name="storyrelatedaction", options={"ordering": ["sort_order"]}),
        migrations.AddField(
            model_name="storyrelatedaction",
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
            model_name="storyrelatedaction",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="storyrelatedaction",
            name="action",
            field=models.ForeignKey(
                help_text="The first is shown prominently at the end of the page.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.page",
            ),
        ),
        migrations.AlterModelOptions(name="themerelatedaction", options={"ordering": ["sort_order"]}),
        migrations.AddField(
            model_name="themerelatedaction",
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
            model_name="themerelatedaction",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="themerelatedaction",
            name="action",
            field=models.ForeignKey(
                help_text="The first is shown prominently at the end of the page.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.page",
            ),
        ),
    ]
