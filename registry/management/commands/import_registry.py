import time

from core.management.import_command import ImportCommand
from registry.importing import jobs


class Command(ImportCommand):
    help = (
        "Import the National Registry of Exonerations' spreadsheet as downloaded (.xlsx or "
        ".csv). Records are matched on name, state, county and conviction year: changed ones "
        "are updated, new ones added. A bad row is skipped and reported with its row number; "
        "a file that can't be read as a whole imports nothing and exits with status 1. Runs "
        "at once, and is kept under Imports in the admin like an upload."
    )
    kind = jobs.KIND
    path_help = "The Registry's download, .xlsx or .csv."
    dry_run_help = "Read and check every row and report the counts, without saving anything."

    def handle(self, *args, **options):
        self.started = time.perf_counter()
        super().handle(*args, **options)

    def refusal(self, outcome):
        return outcome.summary() if outcome.result is None else None

    def report(self, outcome, *, dry_run):
        seconds = time.perf_counter() - self.started
        for row, message in outcome.problems:
            self.stdout.write(f"  row {row}: {message}")
        self.stdout.write(self.style.SUCCESS(outcome.summary()))
        self.stdout.write(f"{outcome.result.total_rows} rows in {seconds:.1f} s.")
