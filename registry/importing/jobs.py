"""An import kept as a core.ImportJob, so that staff can read its outcome
and the national figures can say which import they come from."""

from django.utils import timezone

from core.models import ImportJob

from .importer import import_registry
from .results import ImportFailed

# The job kind of a Registry import: what the numbers pages look up.
KIND = "registry"


def import_and_record(path_or_file, *, file_name, dry_run=False, user=None, job=None):
    """Run import_registry and record it as an ImportJob of kind "registry"
    (done, or failed with the file's one problem), its progress included:
    returns (result, job), or raises ImportFailed after recording the
    failure. `job`: an ImportJob already made (by an upload, for the
    worker) to record it in, rather than a new one."""
    if job is None:
        job = ImportJob(kind=KIND, file_name=file_name[:255], dry_run=dry_run, started_by=user)
    job.status = ImportJob.Status.RUNNING
    job.started_at = timezone.now()
    job.save()

    def progress(done, total):
        ImportJob.objects.filter(pk=job.pk).update(rows_done=done, total_rows=total)

    try:
        result = import_registry(path_or_file, dry_run=dry_run, progress=progress)
    except ImportFailed as failure:
        job.status = ImportJob.Status.FAILED
        job.problems = failure.as_json()["problems"]
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "problems", "finished_at"])
        raise
    outcome = result.as_json()
    job.status = ImportJob.Status.DONE
    job.total_rows = job.rows_done = result.total_rows
    job.counts = outcome["counts"]
    job.problems = outcome["problems"]
    job.finished_at = timezone.now()
    job.save()
    return result, job
