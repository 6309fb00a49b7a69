"""Tell PostgreSQL's planner how many view restrictions there are.

StoryQuerySet.public() checks each story against Wagtail's view restrictions
inside the query. A site with none has an empty table that autovacuum never
analyzes, and a never-analyzed table is planned as if it held a hundred rows:
the check then scans every page once per story (30 s for the home page's
theme counts with 5,000 stories, against 0.1 s once the table is analyzed).
Autovacuum keeps the figure fresh once restrictions are added."""

from django.db import migrations


def analyze(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ANALYZE wagtailcore_pageviewrestriction")


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0013_pages_newest_first_index"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(analyze, migrations.RunPython.noop)]
