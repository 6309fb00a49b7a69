"""Moderators edit the organisation settings, as they do the other site settings."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    # Model permissions appear only after the last migration on a new database.
    create_permissions(global_apps.get_app_config("home"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="home", codename="change_organisationsettings"
    )
    for group in Group.objects.filter(name="Moderators"):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Moderators"):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="home", codename="change_organisationsettings"
            )
        )


class Migration(migrations.Migration):
    dependencies = [("home", "0007_organisation_settings")]

    operations = [migrations.RunPython(grant, revoke)]
