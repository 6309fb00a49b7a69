"""Deploy smoke test: build, release and serve the site as a PaaS would.

Production settings against PostgreSQL: run the build step (collectstatic),
the Procfile's release command (both once for the session, in
tests/deploy/stack.py), then its web command on a free port, and fetch pages,
a hashed static file and the health endpoint over HTTP.
"""

import os
import re
import signal
import subprocess
import time

import psycopg
import pytest

from bench.demo_site import ROOT, free_port, procfile
from tests import observatory

from .servers import HOST, WebProcess, postgres_database, production_environ, run

pytestmark = pytest.mark.deploy


@pytest.fixture(scope="module")
def released(released_database):
    """A copy of the database the Procfile's release command ran on when it
    was empty (released_database asserts that it worked)."""
    with postgres_database("smoke", template=released_database) as database_url:
        yield production_environ(database_url)


@pytest.fixture(scope="module")
def web(released):
    """One web process for the tests that only read from it."""
    server = WebProcess(released)
    yield server
    server.stop()


@pytest.fixture
def own_web(released):
    """A web process for a test that stops it."""
    server = WebProcess(released)
    yield server
    server.stop()


def test_serves_pages_static_files_and_health_over_http(web):
    response, body = web.get("/")
    assert response.status == 200
    html = body.decode()
    assert '<main id="main-content"' in html
    assert response.getheader("Strict-Transport-Security", "").startswith("max-age=63072000")

    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html)
    assert stylesheet, "the page links a hashed stylesheet"
    response, body = web.get(stylesheet.group(1), **{"Accept-Encoding": "br, gzip"})
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "br"
    assert response.getheader("Cache-Control") == "max-age=315360000, public, immutable"
    assert len(body) < (ROOT / "static/css/site.css").stat().st_size

    response, _ = web.get(stylesheet.group(1), **{"Accept-Encoding": "gzip"})
    assert response.getheader("Content-Encoding") == "gzip"

    response, body = web.get("/healthz", via_https=False)
    assert response.status == 200
    assert b'"database": true' in body


def test_the_home_page_scores_a_plus_on_the_observatory_as_served(web):
    """Production's headers as gunicorn sends them, scored by the Observatory's
    rules (tests/observatory), with the media bucket allowed for images."""
    response, body = web.get("/", Origin=observatory.OBSERVATORY_ORIGIN)
    plain, _ = web.get("/", via_https=False)
    result = observatory.score(
        observatory.Scan(
            url=f"https://{HOST}/",
            headers=dict(response.getheaders()),
            body=body.decode(),
            set_cookies=[v for k, v in response.getheaders() if k.lower() == "set-cookie"],
            http_answer=(plain.status, plain.getheader("Location")),
        )
    )
    print(f"Observatory (production, gunicorn) /: {result}")
    assert result.grade == "A+"
    img_src = observatory.parse_csp(response.getheader("Content-Security-Policy"))["img-src"]
    assert img_src == {"'self'", "https://campaign-media.s3.amazonaws.com"}


def test_plain_http_is_redirected_to_https(web):
    response, _ = web.get("/", via_https=False)

    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/"


def test_logs_requests_to_stdout_and_stops_cleanly(own_web):
    own_web.get("/healthz")

    assert own_web.stop() == 0
    assert re.search(r'"GET /healthz HTTP/1.1" 200', own_web.output)


def test_answers_503_while_the_database_is_unreachable(released):
    server = WebProcess(
        {**released, "DATABASE_URL": f"postgresql://postgres@127.0.0.1:{free_port()}/campaign"}
    )
    try:
        health, _ = server.get("/healthz", via_https=False)
        page, body = server.get("/")
    finally:
        server.stop()

    assert health.status == 503
    assert page.status == 503
    assert page.getheader("Retry-After") == "30"
    assert b"Traceback" not in body


def test_the_worker_runs_queued_supporter_tasks_and_stops_cleanly(released):
    # A delivery for a signature that no longer exists: the task runs and
    # finishes without touching the network.
    run(
        "python manage.py shell -c "
        "'from actions.delivery import deliver_signature; deliver_signature.enqueue(999999, 1)'",
        released,
    )
    worker = subprocess.Popen(
        ["bash", "-c", procfile()["worker"]],
        cwd=ROOT,
        env=released,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        with psycopg.connect(released["DATABASE_URL"], autocommit=True) as database:
            while True:
                (status,) = database.execute(
                    "SELECT status FROM django_tasks_database_dbtaskresult "
                    "WHERE task_path = 'actions.delivery.deliver_signature'"
                ).fetchone()
                if status == "SUCCESSFUL" or time.monotonic() > deadline:
                    break
                time.sleep(0.5)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
        output = worker.communicate(timeout=30)[0]

    assert status == "SUCCESSFUL", output
    assert worker.returncode == 0, output
