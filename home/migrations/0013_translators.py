"""The Translators group (issue 16): may open the admin and translate pages
(wagtail-localize), and nothing more. Its page permissions (add and edit,
never publish) are granted on each translated home page as it is made
(core.translators); here too, on those made before this migration.

No snippet permission: Django's are per model, not per language, so the
right to edit a factor's translation would be the right to edit the English
factor too. Editors translate the factors."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

# Copied from core.translators: a migration must not change when code does.
TRANSLATORS = "Translators"
PERMISSIONS = [("wagtailadmin", "access_admin"), ("wagtail_localize", "submit_translation")]
PAGE_PERMISSIONS = ["add_page", "change_page"]


def create_translators(apps, schema_editor):
    for label in ("wagtailadmin", "wagtailcore"):
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    group, __ = Group.objects.get_or_create(name=TRANSLATORS)
    group.permissions.set(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in PERMISSIONS
    )
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("home", "HomePage")
    english = Site.objects.filter(is_default_site=True).values_list("root_page_id", flat=True)
    for home in HomePage.objects.filter(depth=2).exclude(pk__in=english):
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page_id=home.pk,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )


def remove_translators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=TRANSLATORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0012_move_site_settings_to_core"),
        ("core", "0006_spanish_locale"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create_translators, remove_translators)]
