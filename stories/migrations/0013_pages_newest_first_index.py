"""An index on Wagtail's page table for StoryQuerySet.newest_first: latest
published first, never-published last, ties by id. Wagtail's own index on
first_published_at sorts nulls the other way, so a theme page (and home, the
feed) sorted thousands of stories to show six. PostgreSQL only; the table is
Wagtail's, so the index is kept out of the models' state."""

from django.db import migrations

NAME = "page_newest_first"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {NAME} ON wagtailcore_page "
            "(first_published_at DESC NULLS LAST, id DESC)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0012_story_sort_indexes"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
