from django.core.management.base import BaseCommand, CommandError

from stories.importing import ImportFailed, import_stories


class Command(BaseCommand):
    help = (
        "Import exoneree stories from a CSV file as drafts for review (columns: docs/import.md). "
        "Every row is checked first: one bad row and nothing is imported. Stories are matched "
        "by slug, so importing the file again updates them."
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

        try:
            result = import_stories(data, dry_run=dry_run)
        except ImportFailed as failure:
            raise CommandError(failure.report()) from None

        for story in result.stories:
            self.stdout.write(f"  {story.describe(dry_run=dry_run)}")
        self.stdout.write(self.style.SUCCESS(result.summary()))
