"""A 5,000-story import through the admin on the production stack: the
Procfile's web process only stores the file and answers at once, and the
Procfile's worker imports it while the editor's page polls its progress. On
the 1,000-row file the import used to run in the request, gunicorn's 25 s
timeout killed it and rolled everything back."""

import json
import os
import re
import secrets
import signal
import subprocess
import tempfile
import time

import psycopg
import pytest

from bench.demo_site import ROOT, procfile
from tests.stories.import_rows import story_file

from .conftest import EDITOR
from .servers import Editor, FormFields, WebProcess

pytestmark = pytest.mark.deploy

ROWS = 5000
# gunicorn.conf.py's timeout: a request still running then is killed.
GUNICORN_TIMEOUT = 25


@pytest.fixture(scope="module")
def web(demo_site):
    process = WebProcess({**demo_site["environ"], "WEB_CONCURRENCY": "1"})
    yield process
    process.stop()


@pytest.fixture
def worker(demo_site):
    """Starts the Procfile's worker when called; stopped (SIGTERM) afterwards."""
    started = []

    def start():
        log = tempfile.TemporaryFile("w+")  # noqa: SIM115 (read after it stops)
        process = subprocess.Popen(
            ["bash", "-c", procfile()["worker"]],
            cwd=ROOT,
            env=demo_site["environ"],
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        started.append((process, log))

    yield start
    for process, log in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


def multipart(fields, file_field, file_name, content):
    boundary = secrets.token_hex(16)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
        f'filename="{file_name}"\r\nContent-Type: text/csv\r\n\r\n'.encode()
        + content
        + b"\r\n"
    )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), boundary


class Timed(Editor):
    """The editor, timing every request the web process answers."""

    slowest = 0.0

    def send(self, *args, **kwargs):
        started = time.monotonic()
        try:
            return super().send(*args, **kwargs)
        finally:
            self.slowest = max(self.slowest, time.monotonic() - started)


def imported_stories(database_url):
    with psycopg.connect(database_url) as connection:
        return connection.execute(
            "SELECT count(*) FROM stories_exonereestorypage s "
            "JOIN wagtailcore_page p ON p.id = s.page_ptr_id "
            "WHERE p.slug LIKE 'imported-story-%%' AND NOT p.live"
        ).fetchone()[0]


def test_five_thousand_stories_import_through_the_admin_without_a_slow_request(
    demo_site, web, worker
):
    editor = Timed(web.port, EDITOR, demo_site["password"], demo_site["backup_codes"])
    response, form_page = editor.send("GET", "/admin/stories/import/")
    assert response.status == 200
    fields = FormFields()
    fields.feed(form_page.decode())
    body, boundary = multipart(
        {"csrfmiddlewaretoken": fields.values["csrfmiddlewaretoken"]},
        "file",
        "stories.csv",
        story_file(ROWS),
    )

    response, _ = editor.send(
        "POST",
        "/admin/stories/import/",
        body=body,
        **{"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )

    assert response.status == 302, "the upload is stored and the import queued"
    job_path = response.getheader("Location")
    assert re.fullmatch(r"/admin/imports/\d+/", job_path)
    response, page = editor.send("GET", job_path)
    assert response.status == 200 and b"Waiting for the worker" in page
    assert imported_stories(demo_site["environ"]["DATABASE_URL"]) == 0

    worker()
    seen, deadline = set(), time.monotonic() + 600
    while True:
        response, content = editor.send("GET", f"{job_path}status/")
        assert response.status == 200
        status = json.loads(content)
        seen.add(status["rows_done"])
        if status["finished"] or time.monotonic() > deadline:
            break
        time.sleep(1)

    assert status["status"] == "done", status
    assert f"{ROWS} created, 0 updated (drafts)." in status["outcome_html"]
    assert len(seen) > 2, "the page saw the progress between the start and the end"
    assert imported_stories(demo_site["environ"]["DATABASE_URL"]) == ROWS
    response, page = editor.send("GET", job_path)
    assert b"See the imported stories" in page
    # A request killed by gunicorn's timeout would have failed above; none came close.
    assert editor.slowest < GUNICORN_TIMEOUT / 2, editor.slowest
