"""Imports of spreadsheets that run in the worker, with their progress and
their outcome kept for staff to read."""

from django.conf import settings
from django.db import models


class ImportJob(models.Model):
    """One upload of a spreadsheet to import: stored by the web request,
    worked through by the worker, row by row, which records its progress
    here for the admin's progress bar and, when done, what it created,
    changed and refused, with row numbers. The kinds (stories, Registry
    data) are the apps' own importers."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=40, help_text="Which importer reads the file.")
    file = models.FileField(upload_to="imports/%Y/%m/", blank=True)
    file_name = models.CharField(max_length=255, help_text="The name of the file as uploaded.")
    dry_run = models.BooleanField(
        default=False, help_text="Check every row and report, without saving anything."
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.WAITING)
    total_rows = models.PositiveIntegerField(null=True, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
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
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "import"

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display().lower()})"
