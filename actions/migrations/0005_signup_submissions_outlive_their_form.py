"""Sign-up answers move from Wagtail's FormSubmission, which is deleted with
its page, to SignUpSubmission, which outlives it. Existing answers move too."""

import django.core.serializers.json
import django.db.models.deletion
from django.db import migrations, models


def move(source, target, apps, page_filter):
    Source = apps.get_model(*source)
    Target = apps.get_model(*target)
    for old in Source.objects.filter(**page_filter).iterator():
        new = Target.objects.create(page_id=old.page_id, form_data=old.form_data)
        # submit_time is set on creation: put the original back.
        Target.objects.filter(pk=new.pk).update(submit_time=old.submit_time)
        old.delete()


def forwards(apps, schema_editor):
    SignUpPage = apps.get_model("actions", "SignUpPage")
    pages = SignUpPage.objects.values_list("pk", flat=True)
    move(
        ("wagtailforms", "FormSubmission"),
        ("actions", "SignUpSubmission"),
        apps,
        {"page_id__in": list(pages)},
    )


def backwards(apps, schema_editor):
    # Answers whose form was deleted have nowhere to go back to, and are dropped.
    move(
        ("actions", "SignUpSubmission"),
        ("wagtailforms", "FormSubmission"),
        apps,
        {"page__isnull": False},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0004_signatures_outlive_their_petition"),
        ("wagtailforms", "0005_alter_formsubmission_form_data"),
    ]

    operations = [
        migrations.CreateModel(
            name="SignUpSubmission",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "form_data",
                    models.JSONField(encoder=django.core.serializers.json.DjangoJSONEncoder),
                ),
                (
                    "submit_time",
                    models.DateTimeField(auto_now_add=True, verbose_name="submit time"),
                ),
                (
                    "form_title",
                    models.CharField(
                        blank=True,
                        help_text="The form’s title, kept here when its page is deleted.",
                        max_length=255,
                    ),
                ),
                (
                    "page",
                    models.ForeignKey(
                        blank=True,
                        help_text="The form answered. Empty once its page has been deleted.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="submissions",
                        to="actions.signuppage",
                    ),
                ),
            ],
            options={
                "verbose_name": "form answer",
                "verbose_name_plural": "form answers",
                "ordering": ["-submit_time", "-pk"],
                "abstract": False,
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
