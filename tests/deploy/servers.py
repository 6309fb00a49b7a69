"""The deploy tests' servers: PostgreSQL and Redis databases of their own, the
Procfile's web process (gunicorn, production settings) and Varnish in front of
it with deploy/varnish.vcl, each started as an operator would and stopped by
its process id."""

import contextlib
import http.client
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import pytest

from bench.demo_site import ROOT, free_port, procfile

SERVER_URL = os.environ.get("SMOKE_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
# The deploy tests' databases are named with this prefix (campaign_smoke, ...).
DATABASE_PREFIX = os.environ.get("DEPLOY_DATABASE_PREFIX", "campaign_")
# A Redis database the deploy tests may empty: never the one the suite uses.
REDIS_URL = os.environ.get("DEPLOY_REDIS_URL", "redis://127.0.0.1:6379/14")
HOST = "campaign.example.org"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def unavailable(message):
    """A service the deploy tests need is missing: fail in CI, which must run
    them, and skip elsewhere with what to do."""
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


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


def manage(environ, *args):
    """manage.py with these arguments; returns what it printed."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"manage.py {args[0]}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def database_url(name):
    """The URL of the deploy tests' database DATABASE_PREFIX + name."""
    return SERVER_URL.rsplit("/", 1)[0] + f"/{DATABASE_PREFIX}{name}"


@contextlib.contextmanager
def postgres_database(name, template=None):
    """A fresh database DATABASE_PREFIX + name, empty or a copy of the
    database DATABASE_PREFIX + template (which nothing may be connected to
    while it is copied); yields its URL."""
    url = database_url(name)
    name = DATABASE_PREFIX + name
    copy = f" TEMPLATE {DATABASE_PREFIX}{template}" if template else ""
    try:
        admin = psycopg.connect(SERVER_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        unavailable(
            f"The deploy tests need PostgreSQL at {SERVER_URL}: {error} "
            "(set SMOKE_POSTGRES_URL, or start PostgreSQL)"
        )
    with admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}{copy}")
        try:
            yield url
        finally:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def empty_redis():
    """REDIS_URL's database, emptied: pages cached by an earlier run would
    otherwise answer for content this run built afresh."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=5).flushdb()
    except redis.RedisError as error:
        unavailable(
            f"The deploy tests need Redis at {REDIS_URL}: {error} "
            "(set DEPLOY_REDIS_URL to a database they may empty, or start Redis)"
        )
    return REDIS_URL


def production_environ(database_url, **more):
    """The environment an operator sets, plus what the PaaS sets itself."""
    return {
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "HOME": os.environ.get("HOME", str(ROOT)),
        "DJANGO_SETTINGS_MODULE": "campaign.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": HOST,
        "WAGTAILADMIN_BASE_URL": f"https://{HOST}",
        "EMAIL_HOST": "smtp.example.org",
        "AWS_STORAGE_BUCKET_NAME": "campaign-media",
        "WEB_CONCURRENCY": "2",
        **more,
    }


def request(port, method, path, *, headers=None, body=None, source_address=None):
    """One HTTP request to 127.0.0.1:port for HOST; returns the response and
    its body."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=30, source_address=source_address
    )
    try:
        connection.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
        response = connection.getresponse()
        return response, response.read()
    finally:
        connection.close()


class Server:
    """A process started in a session of its own, so that stopping it stops
    its children (gunicorn's workers, varnishd's child) too."""

    process = None
    output = ""

    def start(self, command, environ, ready_path):
        # A file, not a pipe: a pipe nobody reads fills up and blocks the server.
        self.log = tempfile.TemporaryFile("w+")  # noqa: SIM115 (open until stop())
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=environ,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                request(self.port, "GET", ready_path)
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    pytest.fail(f"{command} did not start:\n{self.output}")
                time.sleep(0.2)

    def get(self, path, *, via_https=True, **headers):
        """GET as the PaaS router forwards it: it terminated TLS and says so."""
        if via_https:
            headers["X-Forwarded-Proto"] = "https"
        return request(self.port, "GET", path, headers=headers)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)
        if not self.log.closed:
            self.log.seek(0)
            self.output = self.log.read()
            self.log.close()
        return self.process.returncode


class WebProcess(Server):
    """The Procfile's web command on a free port."""

    def __init__(self, environ, port=None):
        self.port = port or free_port()
        environ = {**environ, "PORT": str(self.port)}
        self.start(["bash", "-c", procfile()["web"]], environ, "/healthz")


def ensure_varnish():
    """Debian's varnish, installed when missing and allowed (root with apt)."""
    if Path(VARNISHD).exists():
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        quiet = {"stdout": subprocess.DEVNULL, "check": True}
        subprocess.run(["apt-get", "update", "-qq"], **quiet)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "varnish"],
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            **quiet,
        )
        return
    unavailable(
        "The edge tests need Debian's varnish (sudo apt-get install varnish; "
        "it need not run as a service)."
    )


def vcl_for(backend_port, backend_host="127.0.0.1"):
    """deploy/varnish.vcl as shipped, with the backend at backend_port."""
    vcl = (ROOT / "deploy/varnish.vcl").read_text()
    vcl, found = re.subn(
        r'(backend app \{\s*\.host = )"[^"]*";(\s*\.port = )"\d+"',
        rf'\1"{backend_host}";\2"{backend_port}"',
        vcl,
        count=1,
    )
    assert found, "deploy/varnish.vcl names its backend app, its host and its port"
    return vcl


class Varnish(Server):
    """varnishd in the foreground with deploy/varnish.vcl in front of the web
    process at backend_port; its working folder is thrown away after."""

    def __init__(self, backend_port, port=None):
        ensure_varnish()
        self.folder = tempfile.mkdtemp(prefix="varnish-")
        # varnishd's worker runs unprivileged: it must read the folder.
        os.chmod(self.folder, 0o755)  # noqa: S103 (nothing secret in it)
        vcl = Path(self.folder) / "varnish.vcl"
        vcl.write_text(vcl_for(backend_port))
        self.port = port or free_port()
        command = [
            VARNISHD,
            "-F",
            "-n", self.folder,
            "-a", f"127.0.0.1:{self.port}",
            "-T", f"127.0.0.1:{free_port()}",
            "-f", str(vcl),
            "-s", "malloc,64m",
        ]  # fmt: skip
        self.start(command, os.environ, "/healthz")

    def stop(self):
        try:
            return super().stop()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


class Editor:
    """An editor signed in to the Wagtail admin over HTTP, through whatever
    listens on port (the web process, or Varnish in front of it), as a browser
    on HTTPS would be: cookies kept, CSRF token and origin sent. Signs in with
    the password, then the last of backup_codes (used up: each works once)."""

    def __init__(self, port, username, password, backup_codes):
        self.port = port
        self.cookies = {}
        response, content = self.submit(
            "/admin/sign-in/", **{"auth-username": username, "auth-password": password}
        )
        assert response.status == 200, "the password is right: the second step follows"
        response, content = self.post_form("/admin/sign-in/", content, wizard_goto_step="backup")
        assert response.status == 200, "the editor chooses a backup code"
        response, _ = self.post_form(
            "/admin/sign-in/", content, **{"backup-otp_token": backup_codes.pop()}
        )
        assert response.status == 302, "the editor signs in"
        assert "sessionid" in self.cookies

    def send(self, method, path, *, body=None, **headers):
        headers = {"X-Forwarded-Proto": "https", "Origin": f"https://{HOST}", **headers}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        response, content = request(self.port, method, path, headers=headers, body=body)
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response, content

    def submit(self, path, **changes):
        """GET the form at path, then POST it as a browser would, with the
        fields in changes changed."""
        response, content = self.send("GET", path)
        assert response.status == 200, (path, response.status, content[:2000])
        return self.post_form(path, content, **changes)

    def post_form(self, path, content, **changes):
        """POST the form in content (a page's HTML) to path as a browser would,
        with the fields in changes changed."""
        fields = FormFields()
        fields.feed(content.decode())
        assert "csrfmiddlewaretoken" in fields.values, f"{path} has a form with a CSRF token"
        return self.send(
            "POST",
            path,
            body=urlencode({**fields.values, **changes}),
            **{"Content-Type": "application/x-www-form-urlencoded"},
        )

    def publish(self, page_id):
        """Publish the page's latest revision, as the page listing's "Publish"
        bulk action does."""
        response, _ = self.submit(f"/admin/bulk/wagtailcore/page/publish/?id={page_id}")
        assert response.status == 302, f"publishing page {page_id} answered {response.status}"


class FormFields(HTMLParser):
    """What a browser submits from a page's forms (their fields, all of them
    together): inputs with their values, checked boxes, text areas and
    selected options."""

    def __init__(self):
        super().__init__()
        self.values = {}
        self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.values[name] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value") or ""

    def handle_data(self, data):
        if self._textarea:
            if not self.values[self._textarea]:
                # Django writes a newline after <textarea>; browsers drop it.
                data = data.removeprefix("\n")
            self.values[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
