"""Time and memory of importing the Registry's download: 3,500 generated rows.

Run against PostgreSQL (a throwaway database, `bench_registry` or
BENCH_DATABASE, is created and dropped):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/registry_import.py

Writes a 3,500-row .xlsx in the Registry's format (tests/registry/files.py,
invented people), then runs `manage.py import_registry` on it into an empty
table, then on a newer download (200 rows changed, 100 added) as .xlsx and
as .csv, then a dry run. For each it prints the seconds, the counts and the
process's peak resident memory so far (getrusage: Django and Wagtail loaded
included; tracemalloc would slow the reading of the workbook threefold),
against the targets: 15 s or less and 250 MB or less. BENCH_REGISTRY_ROWS
changes the size.
"""

import io
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

ROWS = int(os.environ.get("BENCH_REGISTRY_ROWS", "3500"))
TARGET_SECONDS = 15
TARGET_MB = 250


def run(label, path, *options):
    out = io.StringIO()
    started = time.perf_counter()
    call_command("import_registry", str(path), *options, stdout=out)
    seconds = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    summary = next(line for line in out.getvalue().splitlines() if "created" in line)
    print(f"{label:<34} {seconds:6.2f} s  process peak {rss:6.1f} MB  {summary}")
    return seconds, rss


def main():
    setup_test_environment()
    # Its own database, beside the test suite's on the same server.
    connection.settings_dict["TEST"]["NAME"] = os.environ.get("BENCH_DATABASE", "bench_registry")
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from tests.registry.files import newer_download, registry_rows, write_csv, write_xlsx

        rows = registry_rows(ROWS)
        newer = newer_download(rows)
        with tempfile.TemporaryDirectory() as folder:
            first = write_xlsx(Path(folder) / "registry.xlsx", rows)
            newer_xlsx = write_xlsx(Path(folder) / "registry-newer.xlsx", newer)
            newer_csv = write_csv(Path(folder) / "registry-newer.csv", newer, bom=True)
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"{connection.vendor}, {ROWS:,} rows ({first.stat().st_size / 1024:.0f} KB "
                f".xlsx); the process before any import (Django, Wagtail, the rows "
                f"generated): {before:.1f} MB"
            )
            results = [
                run("fresh import (.xlsx)", first),
                run("newer download (.xlsx)", newer_xlsx),
                run("same again, all unchanged (.csv)", newer_csv),
                run("dry run (.xlsx)", newer_xlsx, "--dry-run"),
            ]
        slowest = max(seconds for seconds, __ in results)
        biggest = max(rss for __, rss in results)
        print(
            f"slowest {slowest:.2f} s (target {TARGET_SECONDS} s or less: "
            f"{'met' if slowest <= TARGET_SECONDS else 'MISSED'}), "
            f"peak {biggest:.0f} MB (target {TARGET_MB} MB or less: "
            f"{'met' if biggest <= TARGET_MB else 'MISSED'})"
        )
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
