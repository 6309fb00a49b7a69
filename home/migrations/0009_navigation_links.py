"""The menus become lists of entries that staff drag into order, instead of
StreamFields that only move with arrows. Existing entries are carried over."""

import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models


# The old fields are renamed first: the new entries take their names.
MENUS = (("old_header_links", "HeaderLink"), ("old_footer_links", "FooterLink"))


def copy_entries(apps, schema_editor):
    NavigationSettings = apps.get_model("home", "NavigationSettings")
    for name, model in MENUS:
        Link = apps.get_model("home", model)
        for navigation in NavigationSettings.objects.all():
            Link.objects.bulk_create(
                Link(
                    setting=navigation,
                    sort_order=order,
                    page_id=block["value"].get("page"),
                    url=block["value"].get("url") or "",
                    label=block["value"].get("label") or "",
                )
                for order, block in enumerate(getattr(navigation, name).raw_data)
            )


def copy_back(apps, schema_editor):
    NavigationSettings = apps.get_model("home", "NavigationSettings")
    for navigation in NavigationSettings.objects.all():
        for name, model in MENUS:
            entries = apps.get_model("home", model).objects.filter(setting=navigation)
            # Raw stream data: a chooser block's value would have to be a page.
            setattr(
                navigation,
                name,
                [
                    {"type": "link", "value": {"page": e.page_id, "url": e.url, "label": e.label}}
                    for e in entries.order_by("sort_order")
                ],
            )
        navigation.save()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0008_moderators_edit_organisation"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.RenameField("navigationsettings", "header_links", "old_header_links"),
        migrations.RenameField("navigationsettings", "footer_links", "old_footer_links"),
        migrations.CreateModel(
            name="FooterLink",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "url",
                    models.URLField(
                        blank=True,
                        help_text="…or the full address of a page on another site, starting https://",
                        verbose_name="or address",
                    ),
                ),
                (
                    "label",
                    models.CharField(
                        blank=True,
                        help_text="The words shown. Leave empty to use the page’s title.",
                        max_length=40,
                    ),
                ),
                (
                    "page",
                    models.ForeignKey(
                        blank=True,
                        help_text="A page of this site. The entry is hidden while the page is unpublished.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "setting",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="footer_links",
                        to="home.navigationsettings",
                    ),
                ),
            ],
            options={
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="HeaderLink",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "url",
                    models.URLField(
                        blank=True,
                        help_text="…or the full address of a page on another site, starting https://",
                        verbose_name="or address",
                    ),
                ),
                (
                    "label",
                    models.CharField(
                        blank=True,
                        help_text="The words shown. Leave empty to use the page’s title.",
                        max_length=40,
                    ),
                ),
                (
                    "page",
                    models.ForeignKey(
                        blank=True,
                        help_text="A page of this site. The entry is hidden while the page is unpublished.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "setting",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="header_links",
                        to="home.navigationsettings",
                    ),
                ),
            ],
            options={
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.RunPython(copy_entries, copy_back),
        migrations.RemoveField(
            model_name="navigationsettings",
            name="old_footer_links",
        ),
        migrations.RemoveField(
            model_name="navigationsettings",
            name="old_header_links",
        ),
    ]
