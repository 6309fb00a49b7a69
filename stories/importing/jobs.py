"""The story import as an importer kind of core.importers: run in the
worker from the admin's upload, or at once by the import_stories command,
each recorded as an ImportJob."""

from dataclasses import dataclass

from django.urls import reverse

from stories.models import StoryIndexPage

from .results import ImportFailed, ImportResult
from .tree import StoryImporter

KIND = "stories"
COUNTED = ("created", "updated")


@dataclass
class StoryImportOutcome:
    """What core.importers keeps of a story import: its counts, and either
    the stories it planned (the command lists them) or every problem with
    its line, in which case nothing was written."""

    result: ImportResult | None = None
    failure: ImportFailed | None = None

    @property
    def counts(self):
        if self.result is None:
            return {"created": 0, "updated": 0, "unchanged": 0}
        created, updated = ("to create", "to update") if self.result.dry_run else COUNTED
        return {
            created: self.result.created,
            updated: self.result.updated,
            "unchanged": self.result.unchanged,
        }

    @property
    def problems(self):
        if self.failure is None:
            return []
        return [
            (
                problem.line,
                f"{problem.column}: {problem.message}" if problem.column else problem.message,
            )
            for problem in self.failure.problems
        ]

    def summary(self):
        if self.failure is not None:
            return self.failure.report().splitlines()[0]
        return self.result.summary()


def run(file, *, dry_run=False, user=None, progress=None):
    try:
        result = StoryImporter(user=user, progress=progress).run(file, dry_run=dry_run)
    except ImportFailed as failure:
        return StoryImportOutcome(failure=failure)
    return StoryImportOutcome(result=result)


def can_import(user):
    """Staff who may add stories under the story index (admins always).
    Asked by several menu items of one admin page: worked out once per user
    object, which lives as long as its request."""
    if user.is_superuser:
        return True
    if not hasattr(user, "_may_import_stories"):
        index = StoryIndexPage.objects.first()
        user._may_import_stories = (
            index is not None and index.permissions_for_user(user).can_add_subpage()
        )
    return user._may_import_stories


def results_url(job):
    """The stories in the admin, newest first, where an import's drafts are."""
    if job.dry_run or (not job.counts.get("created") and not job.counts.get("updated")):
        return None
    return reverse("stories:index") + "?ordering=-latest_revision_created_at"
