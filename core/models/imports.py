"""Imports of spreadsheets that run in the worker, with their progress and
their outcome kept for staff to read."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

# A running import records its progress at least this often (core.importers
# saves every half second or so, and an importer's last pass, such as
# indexing, stays well within it): one silent for longer has lost its worker.
STALE_AFTER = timedelta(minutes=10)

INTERRUPTED = (
    "The import stopped before it finished: the worker running it was restarted or "
    "crashed. Nothing from this run was saved if the import is all or nothing (story "
    "imports are); upload the file again to import it."
)


class ImportJobQuerySet(models.QuerySet):
    def of_kinds(self, kinds):
        """The jobs of these importer kinds (those a user may import)."""
        return self.filter(kind__in=list(kinds))

    def stale(self, now=None):
        """Running jobs whose worker has been silent past STALE_AFTER."""
        cutoff = (now or timezone.now()) - STALE_AFTER
        return self.filter(status=ImportJob.Status.RUNNING).filter(
            models.Q(progress_at__lt=cutoff)
            | models.Q(progress_at__isnull=True, started_at__lt=cutoff)
        )

    def fail_interrupted(self, message=INTERRUPTED):
        """Mark these jobs failed, dropping their files; how many there were.
        The worker calls it on the jobs still running when it starts, and
        the admin on stale ones: an import is never left running for ever."""
        return self.update(
            status=ImportJob.Status.FAILED,
            summary=message,
            upload=None,
            finished_at=timezone.now(),
        )


class ImportJob(models.Model):
    """One upload of a spreadsheet to import: stored by the web request,
    worked through by the worker, row by row, which records its progress
    here for the admin's progress bar and, when done, what it created,
    changed and refused, with row numbers. The kinds (stories, Registry
    data) are the apps' own importers (core.importers)."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=40, help_text="Which importer reads the file.")
    # The file itself is kept in the database, not in media storage: media may
    # be a public bucket, and a story file holds private consent notes. Files
    # are small (2 MB for stories, a few for the Registry), live only until
    # the worker has read them (emptied when the job finishes), and reach the
    # worker wherever it runs, with no extra bucket or ACL to configure.
    upload = models.BinaryField(null=True, editable=False)
    file_name = models.CharField(max_length=255, help_text="The name of the file as uploaded.")
    dry_run = models.BooleanField(
        default=False, help_text="Check every row and report, without saving anything."
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.WAITING)
    total_rows = models.PositiveIntegerField(null=True, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    summary = models.CharField(
        max_length=500, blank=True, help_text="The outcome in a sentence, or why it failed."
    )
    counts = models.JSONField(
        default=dict, blank=True, help_text="Rows created, updated, unchanged and refused."
    )
    problems = models.JSONField(
        default=list, blank=True, help_text="What was wrong, with the row number of each."
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    progress_at = models.DateTimeField(
        null=True, blank=True, help_text="When the worker last recorded its progress."
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "import"
        indexes = [models.Index(fields=["status"], name="core_importjob_status")]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display().lower()})"

    @property
    def finished(self):
        return self.status in {self.Status.DONE, self.Status.FAILED}

    def fraction(self):
        """How much is done, from 0 to 1 (None while the rows are not counted)."""
        if self.status == self.Status.DONE:
            return 1.0
        if not self.total_rows:
            return None
        return min(self.rows_done / self.total_rows, 1.0)

    def seconds_running(self, now=None):
        if self.started_at is None:
            return None
        return ((self.finished_at or now or timezone.now()) - self.started_at).total_seconds()

    def rows_per_second(self, now=None):
        """The pace so far (from the last recorded progress while running)."""
        end = self.finished_at or self.progress_at or now
        if self.started_at is None or end is None or not self.rows_done:
            return None
        seconds = (end - self.started_at).total_seconds()
        return self.rows_done / seconds if seconds > 0 else None

    def seconds_left(self, now=None):
        """At the pace so far, how long the remaining rows should take."""
        pace = self.rows_per_second(now)
        if self.status != self.Status.RUNNING or not pace or not self.total_rows:
            return None
        return max(self.total_rows - self.rows_done, 0) / pace

    def is_stale(self, now=None):
        if self.status != self.Status.RUNNING:
            return False
        heard = self.progress_at or self.started_at
        return heard is not None and heard < (now or timezone.now()) - STALE_AFTER

    def fail_if_stale(self):
        """A running job whose worker has gone silent is failed (see STALE_AFTER)."""
        if self.is_stale():
            ImportJob.objects.filter(pk=self.pk).fail_interrupted()
            self.refresh_from_db()

    def problem_list(self):
        """The problems as (row, message) pairs, for templates."""
        return [(row, message) for row, message in self.problems]
