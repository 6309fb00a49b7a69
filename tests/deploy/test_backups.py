"""A backup as the deploy guide takes it, restored and checked: pg_dump in
PostgreSQL's custom format from a released site with signatures, pg_restore
into a new database, then check_restored_database against the summary the
source printed before the dump. It passes; with the latest signature gone
from the restored copy, it fails and names it."""

import json
import shutil
import subprocess
import sys

import psycopg
import pytest

from bench.demo_site import ROOT

from .servers import manage, postgres_database, production_environ, run, unavailable

pytestmark = pytest.mark.deploy

# Run in the released source with `manage.py shell`: a petition with signatures.
SIGN = """
from actions.models import ActionIndexPage
from home.models import HomePage
from tests.factories import ActionIndexPageFactory, PetitionPageFactory, SignatureFactory

index = ActionIndexPageFactory(parent=HomePage.objects.get())
SignatureFactory.create_batch(30, action=PetitionPageFactory(parent=index))
"""


def check(environ, *args):
    """check_restored_database in `environ`; returns (exit status, output)."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check_restored_database", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="module")
def restored(released_database, tmp_path_factory):
    """The source's summary and a restored copy of its dump."""
    for tool in ("pg_dump", "pg_restore"):
        if not shutil.which(tool):
            unavailable(f"The backup test needs {tool} (Debian's postgresql-client).")
    folder = tmp_path_factory.mktemp("backup")
    with (
        postgres_database("backup_source", template=released_database) as source_url,
        postgres_database("backup_restored") as restored_url,
    ):
        source = production_environ(source_url)
        manage(source, "shell", "--no-imports", "-c", SIGN)
        # As the guide says: the summary first, then the dump, then the restore.
        summary = folder / "summary.json"
        summary.write_text(manage(source, "check_restored_database", "--summary"))
        dump = folder / "campaign.dump"
        run(f'pg_dump --format=custom --no-owner --file="{dump}" "$DATABASE_URL"', source)
        run(
            f'pg_restore --no-owner --clean --if-exists --dbname="$DATABASE_URL" "{dump}"',
            production_environ(restored_url),
        )
        yield {
            "environ": production_environ(restored_url),
            "url": restored_url,
            "summary": summary,
        }


def test_a_restored_backup_passes_every_check(restored):
    status, output = check(restored["environ"], "--against", str(restored["summary"]))
    assert status == 0, output
    assert "FAIL" not in output
    assert "30 signatures" in output
    assert "The restored database passed every check." in output


def test_a_restore_missing_the_latest_signature_fails_and_names_it(restored):
    latest = json.loads(restored["summary"].read_text())["latest_signatures"][0]
    with psycopg.connect(restored["url"], autocommit=True) as connection:
        connection.execute("DELETE FROM actions_signature WHERE id = %s", [latest["id"]])
    status, output = check(restored["environ"], "--against", str(restored["summary"]))
    assert status == 1
    assert "FAIL nothing in the source's summary is missing" in output
    assert "signatures: 29 here, 30 in the source's summary" in output
    assert f"signature {latest['id']} (signed {latest['created_at']}) is missing" in output
    assert "don't point the site at it yet" in output
