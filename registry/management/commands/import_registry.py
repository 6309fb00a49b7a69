import time

from django.core.management.base import BaseCommand, CommandError

from core.importers import import_file_now
from registry.importing import jobs


class Command(BaseCommand):
    help = (
        "Import the National Registry of Exonerations' spreadsheet as downloaded (.xlsx or "
        ".csv). Records are matched on name, state, county and conviction year: changed ones "
        "are updated, new ones added. A bad row is skipped and reported with its row number; "
        "a file that can't be read as a whole imports nothing and exits with status 1. Runs "
        "at once, and is kept under Imports in the admin like an upload."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The Registry's download, .xlsx or .csv.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read and check every row and report the counts, without saving anything.",
        )

    def handle(self, *args, path, dry_run, **options):
        started = time.perf_counter()
        try:
            job, outcome = import_file_now(jobs.KIND, path, dry_run=dry_run)
        except OSError as error:
            raise CommandError(f"Can’t read {path}: {error.strerror or error}.") from None
        if outcome is None:
            raise CommandError(job.summary)
        if outcome.result is None:
            raise CommandError(outcome.summary())
        seconds = time.perf_counter() - started
        for row, message in outcome.problems:
            self.stdout.write(f"  row {row}: {message}")
        self.stdout.write(self.style.SUCCESS(outcome.summary()))
        self.stdout.write(f"{outcome.result.total_rows} rows in {seconds:.1f} s.")
