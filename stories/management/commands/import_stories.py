from django.core.management.base import BaseCommand, CommandError

from core.importers import import_file_now
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
            job, outcome = import_file_now(jobs.KIND, path, dry_run=dry_run)
        except OSError as error:
            raise CommandError(f"Can’t read {path}: {error.strerror or error}.") from None
        if outcome is None:
            raise CommandError(job.summary)
        if outcome.failure is not None:
            raise CommandError(outcome.failure.report())
        for story in outcome.result.stories:
            self.stdout.write(f"  {story.describe(dry_run=dry_run)}")
        self.stdout.write(self.style.SUCCESS(outcome.result.summary()))
