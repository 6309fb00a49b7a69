# Each factor has a locale and a translation key; its name, slug and Registry
# code are unique within its language, not across languages.

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("stories", "0019_factor_locale_populate")]

    operations = [
        migrations.RemoveConstraint(
            model_name="contributingfactor",
            name="stories_factor_registry_code_unique",
        ),
        migrations.AlterField(
            model_name="contributingfactor",
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
            model_name="contributingfactor",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="contributingfactor",
            name="name",
            field=models.CharField(
                help_text="The factor as readers will see it, e.g. “Mistaken witness identification”.",
                max_length=80,
            ),
        ),
        migrations.AlterField(
            model_name="contributingfactor",
            name="slug",
            field=models.SlugField(
                help_text="Used in web addresses of filtered story lists. Change it only if you must: old links to filtered lists will stop working.",
                max_length=80,
            ),
        ),
        migrations.AlterField(
            model_name="contributingfactor",
            name="registry_code",
            field=models.CharField(
                blank=True,
                choices=[
                    ("F/MFE", "False or misleading forensic evidence"),
                    ("FC", "False confession"),
                    ("ILD", "Inadequate legal defense"),
                    ("P/FA", "Perjury or false accusation"),
                    ("MWID", "Mistaken witness identification"),
                    ("OM", "Official misconduct"),
                ],
                help_text="The National Registry of Exonerations’ code for this factor, which its spreadsheet uses: imported case records count under the factor with their code. Leave empty for a factor of the campaign’s own; each code belongs to one factor in each language.",
                max_length=10,
                verbose_name="Registry code",
            ),
        ),
        migrations.AlterUniqueTogether(
            name="contributingfactor",
            unique_together={("translation_key", "locale"), ("name", "locale"), ("slug", "locale")},
        ),
        migrations.AddConstraint(
            model_name="contributingfactor",
            constraint=models.UniqueConstraint(
                condition=models.Q(("registry_code", ""), _negated=True),
                fields=("registry_code", "locale"),
                name="stories_factor_registry_code_unique",
                violation_error_message="Another factor already has this Registry code.",
            ),
        ),
    ]
