from django.db import migrations

FIRST_STATEMENT = (
    "By signing, you agree that we may deliver your name and postcode with this "
    "petition, and keep your signature to show its support. We will email you "
    "only if you tick the box for updates. You can ask us to export or erase "
    "everything we hold about you at any time; our privacy page explains how."
)


def create(apps, schema_editor):
    # Every form needs a statement to show and to record: start with one.
    ConsentStatement = apps.get_model("actions", "ConsentStatement")
    if not ConsentStatement.objects.exists():
        ConsentStatement.objects.create(text=FIRST_STATEMENT)


class Migration(migrations.Migration):
    dependencies = [("actions", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
