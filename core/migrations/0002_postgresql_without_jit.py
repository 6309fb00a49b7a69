"""Turn PostgreSQL's JIT compilation off for this database.

JIT pays off for long analytical queries; a page's queries take milliseconds,
but the planner's cost for one with a subquery per row (a story's related
stories among 5,000) passes jit_above_cost, and compiling then takes a second
more than running it (1,190 ms against 98 ms, measured). Set on the database,
not as a connection option, which connection poolers such as PgBouncer refuse;
a role that may not alter the database keeps JIT, with a notice."""

from django.db import migrations

TURN_OFF = """
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'JIT stays on: this role may not alter the database';
END $$;
SET jit = off;
"""


def turn_off(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TURN_OFF, params=None)


def turn_on(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I RESET jit', current_database()); "
            "EXCEPTION WHEN insufficient_privilege THEN NULL; END $$;",
            params=None,
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(turn_off, turn_on)]
