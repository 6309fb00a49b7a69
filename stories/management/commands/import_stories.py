from core.management.import_command import ImportCommand
from stories.importing import jobs


class Command(ImportCommand):
    help = (
        "Import exoneree stories from a CSV file as drafts for review (columns: docs/import.md). "
        "Every row is checked first: one bad row and nothing is imported. Stories are matched "
        "by slug, so importing the file again updates them. Runs at once, and is kept under "
        "Imports in the admin like an upload."
    )
    kind = jobs.KIND
    path_help = "The CSV file, UTF-8, with a header row."
    dry_run_help = "Check the file and say what would happen, without writing anything."

    def refusal(self, outcome):
        return outcome.failure and outcome.failure.report()

    def report(self, outcome, *, dry_run):
        for story in outcome.result.stories:
            self.stdout.write(f"  {story.describe(dry_run=dry_run)}")
        self.stdout.write(self.style.SUCCESS(outcome.result.summary()))
