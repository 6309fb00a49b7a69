# Every existing factor is English (the default locale), each its own
# translation key: they were made before the site had another language.

import uuid

from django.conf import settings
from django.db import migrations


def populate(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Factor = apps.get_model("stories", "ContributingFactor")
    default, __ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for factor in Factor.objects.filter(translation_key=None):
        factor.translation_key = uuid.uuid4()
        factor.locale = default
        factor.save(update_fields=["translation_key", "locale"])


class Migration(migrations.Migration):
    dependencies = [("stories", "0018_factor_locale_fields")]

    operations = [migrations.RunPython(populate, migrations.RunPython.noop)]
