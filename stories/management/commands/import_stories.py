from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.importers import run_job
from core.models import ImportJob
from stories.importing import jobs


class Command(BaseCommand):
    help = (
        "Import exoneree stories from a CSV file as drafts for review (columns: docs/import.md). "
        "Every row is checked first: one bad row and nothing is imported. Stories are matched "
        "by slug, so importing the file again updates them. Runs at once, and is kept under "
        "Imports in the admin like an upload."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The CSV file, UTF-8, with a header row.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and say what would happen, without writing anything.",
        )

    def handle(self, *args, path, dry_run, **options):
        try:
            with open(path, "rb") as file:
                data = file.read()
        except OSError as error:
            raise CommandError(f"Can’t read {path}: {error.strerror or error}.") from None

        job = ImportJob.objects.create(
            kind=jobs.KIND, upload=data, file_name=Path(path).name[:255], dry_run=dry_run
        )
        outcome = run_job(job)
        if outcome is None:
            raise CommandError(job.summary)
        if outcome.failure is not None:
            raise CommandError(outcome.failure.report())
        for story in outcome.result.stories:
            self.stdout.write(f"  {story.describe(dry_run=dry_run)}")
        self.stdout.write(self.style.SUCCESS(outcome.result.summary()))
