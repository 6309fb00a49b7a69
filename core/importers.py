"""Imports that run in the worker: the importers each app registers, the
task that runs one on an ImportJob, and its progress.

Core knows no importer: each app registers its own in its AppConfig.ready()
(stories its story CSV, registry the Registry's spreadsheet)::

    from core.importers import Importer, register

    register(Importer(
        kind="registry",                      # ImportJob.kind, at most 40 characters
        label="Registry case records",
        run=import_registry,                  # run(file, *, dry_run, user, progress)
        can_import=lambda user: user.has_perm("registry.add_caserecord"),
        results_url=lambda job: reverse("case_records:index"),
    ))

`run` reads the file (a binary file object) and returns an outcome with
`counts` (a dict of what it did, e.g. {"created": 12}) and `problems` (row
number and message pairs), and optionally `summary` (a sentence, or a method
giving one); it calls `progress(rows_done, total_rows)` as it goes, as often as
it likes. `user` is who started the import (None from a command). The web
request only stores the file (start_import, then redirect to the job's page,
reverse("import_job", args=[job.pk])); the worker runs it (run_import), and a
command runs it at once (run_job), recording the same ImportJob. When it is
done, `import_finished` is sent.
"""

import io
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.dispatch import Signal
from django.tasks import task
from django.utils import timezone

from .models import ImportJob

logger = logging.getLogger(__name__)

# Progress is saved at most this often: the admin polls about every second,
# and a save per row would cost the import more than the rows themselves.
PROGRESS_EVERY_SECONDS = 0.5


@dataclass(frozen=True)
class Importer:
    kind: str
    label: str
    run: Callable[..., Any]
    can_import: Callable[[Any], bool]
    results_url: Callable[[ImportJob], str | None] = lambda job: None


_importers: dict[str, Importer] = {}

# Sent when an import has run to its end (not for a dry run or a failure),
# with `job`: e.g. to purge the pages that show its rows. The sender is the
# kind, a string read from the database: test `sender == "registry"` in the
# receiver rather than connecting with sender=, which compares identities.
import_finished = Signal()


def register(importer):
    if len(importer.kind) > ImportJob._meta.get_field("kind").max_length:
        raise ValueError(f"The importer kind {importer.kind!r} is too long.")
    _importers[importer.kind] = importer
    return importer


def importer_for(kind):
    return _importers[kind]


def kinds_for(user):
    """The kinds of import `user` may start and see."""
    if not user.is_authenticated or not user.is_active:
        return []
    return [kind for kind, importer in _importers.items() if importer.can_import(user)]


def visible_jobs(user):
    return ImportJob.objects.of_kinds(kinds_for(user)).select_related("started_by")


def start_import(kind, upload, *, user, dry_run=False):
    """Store the uploaded file and queue its import; the new ImportJob.
    The job and its task are written in one transaction: neither without
    the other, so no job waits for a task that was never queued."""
    importer_for(kind)  # an unknown kind fails here, in the request
    with transaction.atomic():
        job = ImportJob.objects.create(
            kind=kind,
            upload=upload.read(),
            file_name=upload.name[:255],
            dry_run=dry_run,
            started_by=user,
        )
        run_import.enqueue(job.pk)
    return job


@task(backend="imports")
def run_import(job_id):
    """The worker's part: run the job's importer, unless another run of this
    task already started it (then the worker was interrupted: see
    ImportJob.fail_interrupted)."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.WAITING).update(
        status=ImportJob.Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.RUNNING).fail_interrupted()
        return
    run_job(ImportJob.objects.get(pk=job_id))


def import_file_now(kind, path, *, dry_run=False):
    """The file at `path` imported at once, as a command does, and recorded
    like an upload: (job, outcome), the outcome None if the importer failed
    unexpectedly (the job says why). OSError if the file can't be read."""
    path = Path(path)
    job = ImportJob.objects.create(
        kind=kind, upload=path.read_bytes(), file_name=path.name[:255], dry_run=dry_run
    )
    return job, run_job(job)


def run_job(job):
    """Run `job`'s importer now, recording its progress and its outcome on the
    job; the outcome, or None if the importer failed unexpectedly. The file
    is dropped from the database either way."""
    if job.status == ImportJob.Status.WAITING:
        job.status, job.started_at = ImportJob.Status.RUNNING, timezone.now()
        job.save(update_fields=["status", "started_at"])
    importer = importer_for(job.kind)
    with Progress(job.pk) as progress:
        try:
            outcome = importer.run(
                io.BytesIO(bytes(job.upload or b"")),
                dry_run=job.dry_run,
                user=job.started_by,
                progress=progress,
            )
        except Exception as error:
            logger.exception("Import %s (%s) failed", job.pk, job.kind)
            finish(
                job,
                status=ImportJob.Status.FAILED,
                summary=f"The import stopped on an unexpected error ({type(error).__name__}), "
                "recorded in the worker's log. Nothing was saved if the import is all or "
                "nothing (story imports are).",
                rows_done=progress.rows_done,
            )
            return None
    problems = [[row, str(message)] for row, message in outcome.problems]
    summary = getattr(outcome, "summary", None)
    summary = summary() if callable(summary) else summary
    finish(
        job,
        status=ImportJob.Status.DONE,
        counts=dict(outcome.counts),
        problems=problems,
        summary=(summary or describe(outcome.counts))[:500],
        rows_done=max(progress.rows_done, job.total_rows or 0, progress.total or 0),
        total_rows=progress.total or job.total_rows,
    )
    if not job.dry_run:
        import_finished.send(sender=job.kind, job=job)
    return outcome


def finish(job, **fields):
    fields |= {"upload": None, "finished_at": timezone.now()}
    for name, value in fields.items():
        setattr(job, name, value)
    job.save(update_fields=list(fields))


def describe(counts):
    return ", ".join(f"{number} {what}" for what, number in counts.items()) + "."


class Progress:
    """The progress callback an importer is given: saves rows done and total
    on the job, at most every PROGRESS_EVERY_SECONDS (and at the last row).

    An importer may hold a transaction open for the whole file (the story
    import is all or nothing), and what it writes there stays invisible to
    the admin until it commits. So on PostgreSQL the progress goes through a
    connection of its own, in autocommit, skipping the row if the importer's
    transaction holds it; where it can't (SQLite has one writer at a time; a
    job not yet committed, as in tests), it is saved on the importer's own
    connection, and shows once that commits."""

    clock = staticmethod(time.monotonic)

    def __init__(self, job_id):
        self.job_id = job_id
        self.rows_done, self.total = 0, None
        self.saved_at = None
        self.side = None

    def __enter__(self):
        if connection.vendor == "postgresql":
            self.side = connections.create_connection(DEFAULT_DB_ALIAS)
        return self

    def __exit__(self, *exc_info):
        if self.side is not None:
            self.side.close()

    def __call__(self, rows_done, total_rows=None):
        self.rows_done, self.total = rows_done, total_rows
        now = self.clock()
        last = total_rows is not None and rows_done >= total_rows
        if self.saved_at is not None and now - self.saved_at < PROGRESS_EVERY_SECONDS and not last:
            return
        self.saved_at = now
        values = {"rows_done": rows_done, "total_rows": total_rows, "progress_at": timezone.now()}
        if not self.save_aside(values):
            ImportJob.objects.filter(pk=self.job_id).update(**values)

    def save_aside(self, values):
        if self.side is None:
            return False
        with self.side.cursor() as cursor:
            cursor.execute(
                "UPDATE core_importjob SET rows_done = %s, total_rows = %s, progress_at = %s "
                "WHERE id = (SELECT id FROM core_importjob WHERE id = %s "
                "FOR UPDATE SKIP LOCKED)",
                [values["rows_done"], values["total_rows"], values["progress_at"], self.job_id],
            )
            return cursor.rowcount == 1
