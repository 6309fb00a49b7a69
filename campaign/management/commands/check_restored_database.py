"""Check a database restored from a backup before the site uses it (see
docs/deploy.md, "Backups").

On the source, just before the dump: `check_restored_database --summary >
summary.json` prints the row counts and the latest signatures. On the
restored database: `check_restored_database --against summary.json` checks
that nothing the summary saw is missing, that every migration is applied,
that Django's checks pass and that every foreign key and constraint is there
and holds. It exits non-zero, naming each problem, when any check fails."""

import json
from datetime import UTC, datetime

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, SystemCheckError
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

# The tables an operator cares about, by name in the summary: what a lost or
# half-restored backup would show first.
COUNTED = {
    "pages": "wagtailcore.Page",
    "stories": "stories.ExonereeStoryPage",
    "actions": "actions.ActionPage",
    "signatures": "actions.Signature",
    "sign_up_answers": "actions.SignUpSubmission",
    "letters_written": "actions.LetterCompletion",
    "consent_statements": "actions.ConsentStatement",
    "images": "wagtailimages.Image",
    "documents": "wagtaildocs.Document",
    "staff_accounts": "auth.User",
    "redirects": "wagtailredirects.Redirect",
}
# How many of the latest signatures the summary lists (ids and times only: a
# summary file holds no one's name or email).
LATEST = 20


def counts():
    return {name: apps.get_model(label).objects.count() for name, label in COUNTED.items()}


def latest_signatures():
    Signature = apps.get_model("actions.Signature")
    rows = Signature.objects.order_by("-created_at", "-pk").values_list("pk", "created_at")
    return [{"id": pk, "created_at": created.isoformat()} for pk, created in rows[:LATEST]]


def summary():
    return {
        "taken_at": timezone.now().isoformat(),
        "counts": counts(),
        "latest_signatures": latest_signatures(),
    }


def unapplied_migrations(connection):
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def foreign_keys():
    """(model, field) for every foreign key the database should enforce."""
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.managed or model._meta.proxy:
            continue
        for field in model._meta.local_fields:
            if isinstance(field, models.ForeignKey) and field.db_constraint:
                yield model, field


def missing_tables(connection):
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
    return sorted(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._meta.db_table not in tables
    )


def has_constraint(model, constraint, found):
    """Whether `found` (a table's constraints, by name) holds `constraint`:
    by its name, or for a unique set of columns by any unique constraint on
    them (a migration from unique_together may have named it otherwise)."""
    if constraint.name in found:
        return True
    if not isinstance(constraint, models.UniqueConstraint) or not constraint.fields:
        return False
    columns = sorted(model._meta.get_field(name).column for name in constraint.fields)
    return any(item["unique"] and sorted(item["columns"]) == columns for item in found.values())


def missing_constraints(connection):
    """The foreign keys and named constraints Django expects but the
    restored database lacks (pg_restore skips one whose data fails it)."""
    missing = []
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        if connection.vendor == "sqlite":
            # Full-text search tables (Wagtail's search on SQLite) are virtual
            # and can hold no constraint at all.
            cursor.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")
            virtual = {name for (name,) in cursor.fetchall()}
        else:
            virtual = set()
        by_table = {}

        def constraints_of(table):
            if table not in by_table:
                by_table[table] = connection.introspection.get_constraints(cursor, table)
            return by_table[table].values()

        for model, field in foreign_keys():
            table = model._meta.db_table
            if table not in tables or table in virtual:
                continue
            target = (field.related_model._meta.db_table, field.target_field.column)
            if not any(
                found["foreign_key"] == target and found["columns"] == [field.column]
                for found in constraints_of(table)
            ):
                missing.append(f"foreign key {table}.{field.column} → {target[0]}")
        for model in apps.get_models():
            table = model._meta.db_table
            if not model._meta.managed or table not in tables:
                continue
            constraints_of(table)
            for constraint in model._meta.constraints:
                if not has_constraint(model, constraint, by_table[table]):
                    missing.append(f"constraint {constraint.name} on {table}")
    return missing


def broken_references(connection):
    """Rows whose foreign key points at nothing, counted by a join for each
    key: it holds whether or not the database enforces the key."""
    quote = connection.ops.quote_name
    broken = []
    with connection.cursor() as cursor:
        for model, field in foreign_keys():
            target = field.related_model._meta
            cursor.execute(
                f"SELECT COUNT(*) FROM {quote(model._meta.db_table)} c "  # noqa: S608
                f"LEFT JOIN {quote(target.db_table)} p "
                f"ON c.{quote(field.column)} = p.{quote(field.target_field.column)} "
                f"WHERE c.{quote(field.column)} IS NOT NULL "
                f"AND p.{quote(field.target_field.column)} IS NULL"
            )
            (count,) = cursor.fetchone()
            if count:
                broken.append(f"{count} row(s) of {model._meta.db_table}.{field.column}")
        if connection.vendor == "postgresql":
            # A constraint restored NOT VALID was never checked against the data.
            cursor.execute(
                "SELECT conrelid::regclass::text, conname FROM pg_constraint "
                "WHERE NOT convalidated AND connamespace = 'public'::regnamespace"
            )
            broken += [f"constraint {name} on {table} not validated" for table, name in cursor]
        elif connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_key_check")
            broken += [
                f"{table} row {rowid} → {parent} (foreign_key_check)"
                for table, rowid, parent, _key in cursor
            ]
    return broken


def missing_from(expected, found_counts):
    """What the source's summary had that this database lacks."""
    problems = []
    for name, count in expected.get("counts", {}).items():
        if found_counts.get(name, 0) < count:
            problems.append(
                f"{name}: {found_counts.get(name, 0)} here, {count} in the source's summary"
            )
    Signature = apps.get_model("actions.Signature")
    wanted = {row["id"]: row["created_at"] for row in expected.get("latest_signatures", [])}
    present = set(Signature.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    for pk in sorted(set(wanted) - present, key=lambda pk: wanted[pk], reverse=True):
        problems.append(f"signature {pk} (signed {wanted[pk]}) is missing")
    return problems


class Command(BaseCommand):
    help = (
        "Check a database restored from a backup: row counts, Django's checks, migrations, "
        "foreign keys and constraints, and that the latest signatures are present. Run it "
        "with --summary on the source before dumping, then with --against on the restored one."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--summary",
            action="store_true",
            help="Print this database's counts and latest signatures as JSON, and check nothing.",
        )
        parser.add_argument(
            "--against",
            metavar="SUMMARY.json",
            help="A summary printed by --summary on the source: nothing in it may be missing.",
        )
        parser.add_argument(
            "--expect-latest-signature-after",
            metavar="ISO-TIME",
            type=datetime.fromisoformat,
            help="Fail unless the latest signature was made at or after this time "
            "(e.g. 2026-12-02T09:00:00+00:00), when there is no summary to compare with.",
        )

    def handle(self, *args, **options):
        connection = connections[DEFAULT_DB_ALIAS]
        if options["summary"]:
            self.stdout.write(json.dumps(summary(), indent=2))
            return
        problems = []

        def check(title, found):
            problems.extend(f"{title}: {problem}" for problem in found)
            self.stdout.write(f"{'FAIL' if found else 'ok  '} {title}")
            for problem in found:
                self.stdout.write(f"       {problem}")

        check("migrations applied", unapplied_migrations(connection))
        check("every table present", missing_tables(connection))
        if problems:
            # The other checks read those tables.
            raise CommandError(
                "The restored database lacks tables or migrations (above): restore a complete "
                "dump, or run `manage.py migrate` if it comes from an older release."
            )
        try:
            call_command("check", databases=[DEFAULT_DB_ALIAS], stdout=self.stdout)
            check("Django's system checks", [])
        except SystemCheckError as error:
            check("Django's system checks", [str(error)])
        check("foreign keys and constraints present", missing_constraints(connection))
        check("every reference points at a row", broken_references(connection))
        found = counts()
        self.stdout.write("     rows: " + ", ".join(f"{n} {name}" for name, n in found.items()))
        if options["against"]:
            with open(options["against"], encoding="utf-8") as file:
                expected = json.load(file)
            check("nothing in the source's summary is missing", missing_from(expected, found))
        if options["expect_latest_signature_after"]:
            after = options["expect_latest_signature_after"]
            if timezone.is_naive(after):
                after = after.replace(tzinfo=UTC)
            latest = apps.get_model("actions.Signature").objects.order_by("-created_at").first()
            late = latest is None or latest.created_at < after
            when = latest.created_at.isoformat() if latest else "none"
            check(
                "the latest signature is recent enough",
                [f"the latest is {when}, expected {after.isoformat()} or later"] if late else [],
            )
        if problems:
            raise CommandError(
                f"The restored database is not complete or not sound ({len(problems)} "
                "problem(s) above): don't point the site at it yet."
            )
        self.stdout.write("The restored database passed every check.")
