import django.db.models.functions.text
from django.db import migrations, models

import core.languages


def fill_campaigns(apps, schema_editor):
    # Every signature so far counts towards its own page's petition: the
    # translations made from now on share that page's translation_key.
    Page = apps.get_model("wagtailcore", "Page")
    Signature = apps.get_model("actions", "Signature")
    key = Page.objects.filter(pk=models.OuterRef("action_id")).values("translation_key")[:1]
    Signature.objects.filter(action__isnull=False).update(campaign=models.Subquery(key))


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0008_what_an_action_is_about_and_monthly_giving"),
        ("wagtailcore", "0001_initial"),
    ]

    # What was recorded before had only English to be in: "en" for every
    # existing row, then the defaults of new ones.
    operations = [
        migrations.AddField(
            model_name="consentstatement",
            name="language",
            field=models.CharField(max_length=7, default="en"),
        ),
        migrations.AlterField(
            model_name="consentstatement",
            name="language",
            field=models.CharField(
                choices=core.languages.choices,
                default=core.languages.default,
                help_text="The language of the wording. Forms in this language show the latest "
                "version in it; until there is one, they show the latest English version, and "
                "signatures record that it was the English wording they saw.",
                max_length=7,
            ),
        ),
        migrations.AddField(
            model_name="signature",
            name="language",
            field=models.CharField(max_length=7, default="en"),
        ),
        migrations.AlterField(
            model_name="signature",
            name="language",
            field=models.CharField(
                choices=core.languages.choices,
                default=core.languages.active,
                help_text="The language the supporter read the petition and its consent wording in.",
                max_length=7,
            ),
        ),
        migrations.AddField(
            model_name="signupsubmission",
            name="language",
            field=models.CharField(max_length=7, default="en"),
        ),
        migrations.AlterField(
            model_name="signupsubmission",
            name="language",
            field=models.CharField(
                choices=core.languages.choices,
                default=core.languages.active,
                help_text="The language the supporter read the form in.",
                max_length=7,
            ),
        ),
        migrations.AddField(
            model_name="signature",
            name="campaign",
            field=models.UUIDField(
                blank=True,
                editable=False,
                help_text="The petition in every language it is published in: one signature per "
                "email counts towards all of them.",
                null=True,
            ),
        ),
        migrations.RunPython(fill_campaigns, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="signature", name="one_signature_per_email_per_action"
        ),
        migrations.AddConstraint(
            model_name="signature",
            constraint=models.UniqueConstraint(
                models.F("campaign"),
                django.db.models.functions.text.Lower("email"),
                name="one_signature_per_email_per_campaign",
            ),
        ),
    ]
