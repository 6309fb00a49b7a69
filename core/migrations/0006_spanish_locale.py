"""The Spanish locale (issue 16): English is Wagtail's first, made from
LANGUAGE_CODE by its own migration. The Spanish home page is not made here:
translating the English home page (wagtail-localize) makes it, and the site's
language switcher offers Spanish only once it exists."""

from django.db import migrations


def add_spanish(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="es")


def remove_spanish(apps, schema_editor):
    # Only if nothing was translated into it: Wagtail protects a locale in use.
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    if not Page.objects.filter(locale__language_code="es").exists():
        Locale.objects.filter(language_code="es").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_import_job_progress"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(add_spanish, remove_spanish)]
