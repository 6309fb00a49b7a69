"""Who may import the Registry's spreadsheet: Moderators (and admins, who
have every permission). Viewing case records needs no permission of its
own: they are public data, open to anyone with admin access."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

IMPORTERS = "Moderators"


def grant_import(apps, schema_editor):
    # On a new database Django makes the permission only after the last
    # migration (post_migrate): make it now to hand it out.
    create_permissions(global_apps.get_app_config("registry"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=IMPORTERS).first()
    if group:
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label="registry", codename="import_caserecords"
            )
        )


def revoke_import(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="registry", codename="import_caserecords"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0001_case_records"),
        ("home", "0006_staff_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="caserecord",
            options={
                "ordering": ["last_name", "first_name"],
                "permissions": [
                    ("import_caserecords", "Can import the Registry's spreadsheet")
                ],
            },
        ),
        migrations.RunPython(grant_import, revoke_import),
    ]
