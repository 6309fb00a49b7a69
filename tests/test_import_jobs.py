"""Imports in the worker (core.importers): any app's importer kind, its
progress saved every half second, its outcome kept, and never an import left
running for ever. The story import's own journey is in tests/stories."""

import io
from datetime import timedelta
from types import SimpleNamespace
from unittest import mock

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from campaign.management.commands.run_worker import Command
from core import importers
from core.models import ImportJob
from tests.admin import sign_in
from tests.imports import run_imports

pytestmark = pytest.mark.django_db


def count_rows(file, *, dry_run, user, progress):
    """A stand-in for an app's importer: a row per line, line 3 refused."""
    lines = file.read().decode().splitlines()
    for done in range(1, len(lines) + 1):
        progress(done, len(lines))
    refused = [(3, "This row is refused.")] if len(lines) >= 3 else []
    return SimpleNamespace(counts={"added": len(lines) - len(refused)}, problems=refused)


def broken(file, **kwargs):
    raise RuntimeError("the importer's own bug")


@pytest.fixture
def kinds():
    """Register importer kinds for one test, as an app's ready() would."""
    before = dict(importers._importers)

    def register(kind, run=count_rows, allowed=True):
        return importers.register(
            importers.Importer(
                kind=kind,
                label="Lines",
                run=run,
                can_import=lambda user: allowed,
                results_url=lambda job: "/admin/lines/",
            )
        )

    yield register
    importers._importers.clear()
    importers._importers.update(before)


def start(kind, content=b"a\nb\nc\nd\n", user=None):
    return importers.start_import(kind, SimpleUploadedFile("lines.txt", content), user=user)


def test_an_apps_importer_runs_in_the_worker_and_its_outcome_is_kept(kinds, admin_user):
    kinds("lines")
    job = start("lines", user=admin_user)
    assert job.status == ImportJob.Status.WAITING and bytes(job.upload) == b"a\nb\nc\nd\n"
    finished = mock.Mock()
    importers.import_finished.connect(finished)

    run_imports()

    importers.import_finished.disconnect(finished)
    assert finished.call_args.kwargs["sender"] == "lines"
    assert finished.call_args.kwargs["job"].pk == job.pk

    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert (job.rows_done, job.total_rows, job.fraction()) == (4, 4, 1.0)
    assert job.counts == {"added": 3}
    assert job.problems == [[3, "This row is refused."]]
    assert job.summary == "3 added."
    assert job.upload is None  # the file is not kept, the outcome is
    assert job.started_by == admin_user and job.started_at <= job.finished_at


def test_an_importer_that_breaks_fails_its_job_with_a_message(kinds):
    kinds("broken", run=broken)
    job = start("broken")

    run_imports()

    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert "unexpected error (RuntimeError)" in job.summary and job.upload is None


def test_progress_is_saved_at_most_every_half_second_and_at_the_last_row(kinds):
    kinds("lines")
    job = start("lines")
    clock = iter([0.0, 0.1, 0.2, 0.6, 0.7, 0.8])
    with (
        importers.Progress(job.pk) as progress,
        mock.patch.object(progress, "clock", lambda: next(clock)),
        mock.patch.object(progress, "save_aside", wraps=progress.save_aside) as saves,
    ):
        for done in range(1, 7):
            progress(done, 6)

    assert [call.args[0]["rows_done"] for call in saves.call_args_list] == [1, 4, 6]
    job.refresh_from_db()
    assert (job.rows_done, job.total_rows) == (6, 6)


def test_pace_and_time_left_come_from_the_progress_so_far():
    now = timezone.now()
    job = ImportJob(
        status=ImportJob.Status.RUNNING,
        total_rows=5000,
        rows_done=1250,
        started_at=now - timedelta(seconds=10),
        progress_at=now,
    )
    assert job.fraction() == 0.25
    assert job.rows_per_second() == pytest.approx(125)
    assert job.seconds_left() == pytest.approx(30)
    assert ImportJob(status=ImportJob.Status.WAITING).fraction() is None


def test_a_job_its_worker_left_running_is_failed_when_the_worker_starts(kinds):
    kinds("lines")
    job = start("lines")
    ImportJob.objects.update(status=ImportJob.Status.RUNNING, started_at=timezone.now())

    Command().recover()

    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert "worker running it was restarted or crashed" in job.summary
    assert job.upload is None
    run_imports()  # its task, queued again, finds the job failed and leaves it
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED


def test_a_job_silent_for_ten_minutes_shows_as_failed(kinds, client, admin_user):
    kinds("lines")
    job = start("lines")
    ImportJob.objects.update(
        status=ImportJob.Status.RUNNING,
        started_at=timezone.now() - timedelta(minutes=30),
        progress_at=timezone.now() - timedelta(minutes=11),
    )
    sign_in(client, admin_user)

    status = client.get(f"/admin/imports/{job.pk}/status/").json()

    assert status["status"] == "failed" and status["finished"] is True
    assert "The import failed" in status["outcome_html"]


def test_a_job_still_running_shows_its_progress_and_a_refresh_link(kinds, client, admin_user):
    kinds("lines")
    job = start("lines")
    ImportJob.objects.update(
        status=ImportJob.Status.RUNNING,
        total_rows=5000,
        rows_done=1250,
        started_at=timezone.now() - timedelta(seconds=10),
        progress_at=timezone.now(),
    )
    sign_in(client, admin_user)

    page = client.get(f"/admin/imports/{job.pk}/").content.decode()

    assert 'max="5000" value="1250"' in page
    assert "1,250 of 5,000 rows, about 30 s left" in page
    assert f'href="/admin/imports/{job.pk}/"' in page  # Refresh, without JavaScript
    assert 'role="status"' in page  # where the script announces the end


def test_staff_see_only_the_kinds_they_may_import(kinds, client, admin_user, django_user_model):
    kinds("lines")
    kinds("secret", allowed=False)
    mine, hidden = start("lines"), start("secret", content=b"x\n")
    sign_in(client, admin_user)

    listing = client.get("/admin/imports/").content.decode()

    assert f"/admin/imports/{mine.pk}/" in listing
    assert f"/admin/imports/{hidden.pk}/" not in listing
    assert client.get(f"/admin/imports/{hidden.pk}/").status_code == 404
    assert importers.kinds_for(SimpleNamespace(is_authenticated=False, is_active=True)) == []


def test_an_unknown_kind_is_refused_before_anything_is_stored():
    with pytest.raises(KeyError):
        importers.start_import("nothing", io.BytesIO(b""), user=None)
    assert not ImportJob.objects.exists()


def test_with_the_immediate_backend_of_development_an_upload_is_imported_at_once(kinds, settings):
    kinds("lines")
    settings.TASKS = {
        **settings.TASKS,
        "imports": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
    }

    job = start("lines")

    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.counts == {"added": 3}
