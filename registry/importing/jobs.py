"""The Registry import as an importer kind of core.importers: run in the
worker from the admin's upload, or at once by the import_registry command,
each recorded as an ImportJob of kind "registry" (which the national
figures read to say which import they come from)."""

from dataclasses import dataclass

from django.urls import reverse

from ..models.queries import IMPORT_KIND
from .importer import import_registry
from .results import ImportFailed, ImportResult

# The kind the national figures look up to date themselves.
KIND = IMPORT_KIND


@dataclass
class RegistryImportOutcome:
    """What core.importers keeps of an import: its counts and problems, or
    the one reason the file could not be read (then nothing was saved)."""

    result: ImportResult | None = None
    failure: ImportFailed | None = None

    @property
    def counts(self):
        return {} if self.result is None else self.result.counts

    @property
    def problems(self):
        return self.failure.problems if self.result is None else self.result.problems

    def summary(self):
        if self.result is None:
            return f"Nothing was imported. {self.failure.message}"
        return self.result.summary()


def run(file, *, dry_run=False, user=None, progress=None):
    try:
        return RegistryImportOutcome(
            result=import_registry(file, dry_run=dry_run, progress=progress)
        )
    except ImportFailed as failure:
        return RegistryImportOutcome(failure=failure)


def results_url(job):
    """The case records, where a real import's changes are."""
    return None if job.dry_run else reverse("case_records:index")
