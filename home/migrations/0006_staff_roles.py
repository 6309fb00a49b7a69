"""Staff roles with least privilege: Editors draft, Moderators publish and run
the site's settings, and only "Supporter data" sees supporters' names.

Wagtail's own migrations create Editors and Moderators with page permissions
on the root of the tree, lock permissions and delete rights on every image
and document. This replaces those grants (it does not add to them), so it
gives the same result however often it runs. Reversing it restores Wagtail's
defaults and removes the "Supporter data" group.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

# Global (Django) permissions, as "app_label.codename".
EDITOR_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "stories.change_contributingfactor",
]
MODERATOR_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    "actions.change_actionsettings",
    "home.change_navigationsettings",
    "wagtailredirects.add_redirect",
    "wagtailredirects.change_redirect",
    "wagtailredirects.delete_redirect",
    "actions.add_consentstatement",
    "actions.change_consentstatement",
]
# Images and documents, granted on the root collection. With "add", staff can
# also edit what they uploaded themselves (Wagtail's ownership rule).
MEDIA_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
]

ROLES = {
    "Editors": {
        "permissions": EDITOR_PERMISSIONS,
        "pages": ["add_page", "change_page"],
        "collections": MEDIA_PERMISSIONS,
    },
    "Moderators": {
        "permissions": MODERATOR_PERMISSIONS,
        "pages": ["add_page", "change_page", "publish_page"],
        "collections": MEDIA_PERMISSIONS,
    },
    "Supporter data": {
        "permissions": ["wagtailadmin.access_admin", "actions.view_supporter_data"],
        "pages": [],
        "collections": [],
    },
}

# What Wagtail's migrations give Editors and Moderators, restored on reverse.
WAGTAIL_MEDIA = [
    f"{app}.{action}_{model}"
    for app, model in [("wagtailimages", "image"), ("wagtaildocs", "document")]
    for action in ("add", "change", "choose")
]
WAGTAIL_DEFAULTS = {
    "Editors": {
        "permissions": [
            "wagtailadmin.access_admin",
            *WAGTAIL_MEDIA,
            "wagtailimages.delete_image",
            "wagtaildocs.delete_document",
        ],
        "pages": ["add_page", "change_page"],
        "collections": WAGTAIL_MEDIA,
    },
    "Moderators": {
        "permissions": [
            "wagtailadmin.access_admin",
            *WAGTAIL_MEDIA,
            "wagtailimages.delete_image",
            "wagtaildocs.delete_document",
        ],
        "pages": ["add_page", "change_page", "lock_page", "publish_page", "unlock_page"],
        "collections": WAGTAIL_MEDIA,
    },
}

APPS_WITH_PERMISSIONS = [
    "wagtailcore",
    "wagtailadmin",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "home",
    "stories",
    "actions",
]


def ensure_permissions(apps):
    # On a new database Django makes model permissions only after the last
    # migration (post_migrate), so make the ones this migration hands out now.
    for label in APPS_WITH_PERMISSIONS:
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0)


def permissions(apps, names):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def home_page_id(apps):
    """The page staff work under: the default site's root, else the home page."""
    Site = apps.get_model("wagtailcore", "Site")
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site:
        return site.root_page_id
    home = apps.get_model("home", "HomePage").objects.order_by("path").first()
    return home.pk if home else None


def grant(apps, roles, page_id):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_collection = Collection.objects.filter(depth=1).first()

    for name, role in roles.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions(apps, role["permissions"]))

        GroupPagePermission.objects.filter(group=group).delete()
        if page_id:
            for codename in role["pages"]:
                GroupPagePermission.objects.create(
                    group=group,
                    page_id=page_id,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailcore", codename=codename
                    ),
                )

        GroupCollectionPermission.objects.filter(group=group).delete()
        if root_collection:
            for permission in permissions(apps, role["collections"]):
                GroupCollectionPermission.objects.create(
                    group=group, collection=root_collection, permission=permission
                )


def set_up_roles(apps, schema_editor):
    ensure_permissions(apps)
    grant(apps, ROLES, home_page_id(apps))


def restore_wagtail_defaults(apps, schema_editor):
    ensure_permissions(apps)
    Page = apps.get_model("wagtailcore", "Page")
    root = Page.objects.filter(depth=1).first()
    grant(apps, WAGTAIL_DEFAULTS, root.pk if root else None)
    apps.get_model("auth", "Group").objects.filter(name="Supporter data").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_navigation_settings"),
        ("stories", "0006_theme_look"),
        ("actions", "0003_signature_email_index"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(set_up_roles, restore_wagtail_defaults)]
