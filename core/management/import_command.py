"""What the import commands share: a file's path and --dry-run, the file run
at once through its importer (core.importers.import_file_now, recorded under
Imports in the admin like an upload), and a refusal as a CommandError, so
the command exits with status 1 and says why."""

from django.core.management.base import BaseCommand, CommandError

from core.importers import import_file_now


class ImportCommand(BaseCommand):
    kind = None
    path_help = None
    dry_run_help = None

    def add_arguments(self, parser):
        parser.add_argument("path", help=self.path_help)
        parser.add_argument("--dry-run", action="store_true", help=self.dry_run_help)

    def handle(self, *args, path, dry_run, **options):
        try:
            job, outcome = import_file_now(self.kind, path, dry_run=dry_run)
        except OSError as error:
            raise CommandError(f"Can’t read {path}: {error.strerror or error}.") from None
        if outcome is None:
            raise CommandError(job.summary)
        refusal = self.refusal(outcome)
        if refusal:
            raise CommandError(refusal)
        self.report(outcome, dry_run=dry_run)

    def refusal(self, outcome):
        """Why nothing was imported, or None."""
        raise NotImplementedError

    def report(self, outcome, *, dry_run):
        """What was imported, written to stdout."""
        raise NotImplementedError
