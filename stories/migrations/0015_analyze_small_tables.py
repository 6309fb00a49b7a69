"""Keep PostgreSQL's planner told what the small tables hold.

Autovacuum analyzes a table once 50 rows (and a tenth of it) have changed. The
tables staff fill by hand (themes, factors, view restrictions, sites) never
get there, so the planner keeps guessing their size: guessing wrong about a
theme's factors made it read all 5,000 stories of a theme and sort them to
show six (14 ms), where walking the newest-first index stops after nine rows
(0.1 ms). Here each such table is analyzed after any change or two, and once
now. (This supersedes 0014, which analyzed the view restrictions once.)"""

from django.db import migrations

SMALL_TABLES = (
    "stories_contributingfactor",
    "stories_themepage",
    "stories_relatedstory",
    "wagtailcore_pageviewrestriction",
    "wagtailcore_site",
    "wagtailcore_locale",
)


def analyze_after_any_change(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in SMALL_TABLES:
        schema_editor.execute(f"ALTER TABLE {table} SET (autovacuum_analyze_threshold = 1)")
    schema_editor.execute(f"ANALYZE {', '.join(SMALL_TABLES)}")


def analyze_as_usual(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in SMALL_TABLES:
        schema_editor.execute(f"ALTER TABLE {table} RESET (autovacuum_analyze_threshold)")


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0014_analyze_view_restrictions"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(analyze_after_any_change, analyze_as_usual)]
