import os
import time

from django.core.management.base import BaseCommand, CommandError

from registry.importing import ImportFailed
from registry.importing.jobs import import_and_record


class Command(BaseCommand):
    help = (
        "Import the National Registry of Exonerations' spreadsheet as downloaded (.xlsx or "
        ".csv). Records are matched on name, state, county and conviction year: changed ones "
        "are updated, new ones added. A bad row is skipped and reported with its row number; "
        "a file that can't be read as a whole imports nothing and exits with status 1."
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
            result, _job = import_and_record(
                path, file_name=os.path.basename(path), dry_run=dry_run
            )
        except ImportFailed as failure:
            raise CommandError(f"Nothing was imported. {failure.message}") from None
        seconds = time.perf_counter() - started

        for row, message in result.problems:
            self.stdout.write(f"  row {row}: {message}")
        self.stdout.write(self.style.SUCCESS(result.summary()))
        self.stdout.write(f"{result.total_rows} rows in {seconds:.1f} s.")
