"""Deploy smoke test: build, release and serve the site as a PaaS would.

Production settings against PostgreSQL: run the build step (collectstatic),
the Procfile's release command, then its web command on a free port, and
fetch pages, a hashed static file and the health endpoint over HTTP.
"""

import http.client
import os
import re
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from bench.demo_site import ROOT, free_port, procfile

pytestmark = pytest.mark.deploy

SERVER_URL = os.environ.get("SMOKE_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
DATABASE = "campaign_smoke"
HOST = "campaign.example.org"


def run(command, environ):
    result = subprocess.run(
        ["bash", "-c", command],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def postgres_database():
    try:
        admin = psycopg.connect(SERVER_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        message = f"The deploy smoke test needs PostgreSQL at {SERVER_URL}: {error}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message + " (set SMOKE_POSTGRES_URL, or start PostgreSQL)")
    with admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {DATABASE}")
        yield SERVER_URL.rsplit("/", 1)[0] + f"/{DATABASE}"
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


@pytest.fixture(scope="module")
def production_environ(postgres_database):
    """The environment an operator sets, plus what the PaaS sets itself."""
    return {
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "HOME": os.environ.get("HOME", str(ROOT)),
        "DJANGO_SETTINGS_MODULE": "campaign.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": postgres_database,
        "ALLOWED_HOSTS": HOST,
        "WAGTAILADMIN_BASE_URL": f"https://{HOST}",
        "EMAIL_HOST": "smtp.example.org",
        "AWS_STORAGE_BUCKET_NAME": "campaign-media",
        "WEB_CONCURRENCY": "2",
    }


@pytest.fixture(scope="module")
def released(production_environ):
    """The build step a buildpack runs, then the Procfile's release command."""
    run("python manage.py collectstatic --noinput", production_environ)
    run(procfile()["release"], production_environ)
    return production_environ


class WebProcess:
    def __init__(self, environ):
        self.port = free_port()
        self.process = subprocess.Popen(
            ["bash", "-c", procfile()["web"]],
            cwd=ROOT,
            env={**environ, "PORT": str(self.port)},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                self.get("/healthz", via_https=False)
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    pytest.fail(f"The web process did not start:\n{self.output}")
                time.sleep(0.2)

    def get(self, path, *, via_https=True, **headers):
        """GET as the PaaS router forwards it: it terminated TLS and says so."""
        if via_https:
            headers["X-Forwarded-Proto"] = "https"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        connection.request("GET", path, headers={"Host": HOST, **headers})
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response, body

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
        self.output = self.process.communicate(timeout=30)[0]
        return self.process.returncode


@pytest.fixture
def web(released):
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


def test_plain_http_is_redirected_to_https(web):
    response, _ = web.get("/", via_https=False)

    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/"


def test_logs_requests_to_stdout_and_stops_cleanly(web):
    web.get("/healthz")

    assert web.stop() == 0
    assert re.search(r'"GET /healthz HTTP/1.1" 200', web.output)


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
