"""The demo site served as in production, for the benchmarks that look at it
as a visitor's browser would (bench/lighthouse.py, bench/screenshots.py): the
Procfile's release and web commands (gunicorn, production settings, static
files collected and served by whitenoise), the demo content, and media on
S3-compatible storage (a moto server on loopback).

Without DATABASE_URL (or with a sqlite:// one) the site runs on a throwaway
SQLite file. With a PostgreSQL URL, a throwaway database `bench_demo` is
created on that server and dropped after: never a `test_*` name, which the
PostgreSQL test suite uses.
"""

import contextlib
import json
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
WORKERS = os.environ.get("WEB_CONCURRENCY", "2")
BUCKET = "campaign-media"
DATABASE = "bench_demo"

# A page of each kind and state a visitor meets, found by the demo content's
# models rather than by slugs the demo might change.
PAGE_URLS = """
import json
from actions.models import ActionIndexPage, DonatePage, LetterPage, PetitionPage, SignUpPage
from home.models import HomePage
from stories.models import ExonereeStoryPage, StoryIndexPage, ThemePage
first = lambda model: model.objects.live().order_by("path").first().url
stories = ExonereeStoryPage.objects.live().order_by("path")
without_photo = stories.filter(portrait__isnull=True).first()
print(json.dumps({
    "home": first(HomePage),
    "index": first(StoryIndexPage),
    "story": stories.filter(portrait__isnull=False).first().url,
    "story-without-photo": without_photo.url if without_photo else None,
    "theme": first(ThemePage),
    "actions": first(ActionIndexPage),
    "petition": first(PetitionPage),
    "letter": first(LetterPage),
    "signup": first(SignUpPage),
    "donate": first(DonatePage),
}))
"""


# Ports given by free_port() in this process: two servers about to start must
# not be handed the same one.
_handed_out = set()


def free_port():
    """A TCP port on loopback that nothing listens on (yet): any, or one in
    LOCAL_PORTS (like 8200-8299) on a machine shared with other work."""
    first, _, last = os.environ.get("LOCAL_PORTS", "0-0").partition("-")
    candidates = list(range(int(first), int(last or first) + 1))
    random.shuffle(candidates)
    for port in candidates:
        if port in _handed_out:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            port = sock.getsockname()[1]
        _handed_out.add(port)
        return port
    raise SystemExit(f"No free port in LOCAL_PORTS={os.environ['LOCAL_PORTS']}")


def procfile():
    """The Procfile's processes by name: what a PaaS runs to release and serve
    the site. The benchmarks and the deploy tests run these very commands."""
    entries = {}
    for line in (ROOT / "Procfile").read_text().splitlines():
        name, _, command = line.partition(":")
        if command:
            entries[name.strip()] = command.strip()
    return entries


def wait_for(url, process, what, timeout=60):
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"{what} did not start (see its output above)")
        time.sleep(0.2)


def start(command, environ=None, *, quiet=False):
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL if quiet else None,
        start_new_session=True,
    )


def stop(process):
    if process is not None and process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


class Database:
    """A throwaway database: a SQLite file, or `bench_lighthouse` on the
    PostgreSQL server DATABASE_URL names."""

    def __init__(self, folder):
        given = os.environ.get("DATABASE_URL", "")
        self.server = given if given.startswith(("postgres://", "postgresql://")) else None
        if self.server:
            self._execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
            self._execute(f"CREATE DATABASE {DATABASE}")
            self.url = urlsplit(self.server)._replace(path=f"/{DATABASE}").geturl()
            self.label = "PostgreSQL"
        else:
            self.url = f"sqlite:///{folder}/bench.sqlite3"
            self.label = "SQLite"

    def _execute(self, sql):
        import psycopg

        with psycopg.connect(self.server, autocommit=True) as connection:
            connection.execute(sql)

    def drop(self):
        if self.server:
            self._execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def public_bucket(endpoint):
    """The media bucket, readable by anyone as production's is (media URLs
    are unsigned: see AWS_QUERYSTRING_AUTH in settings)."""
    import boto3

    s3 = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="bench",
        aws_secret_access_key="bench",  # noqa: S106 (moto takes any key)
    )
    s3.create_bucket(Bucket=BUCKET)
    public_read = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{BUCKET}/*",
            }
        ],
    }
    s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(public_read))


def gunicorn_environ(database_url, redis_url, port, workers="", **more):
    """The production settings as the load benchmarks run them: PostgreSQL or
    a SQLite file, Redis, plain HTTP (wrk's; production sits behind the
    router's HTTPS), gunicorn's default workers unless `workers`, and `more`."""
    return {
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "HOME": os.environ.get("HOME", str(ROOT)),
        "DJANGO_SETTINGS_MODULE": "campaign.settings.production",
        "SECRET_KEY": "bench-" + "x" * 60,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "EMAIL_HOST": "smtp.example.org",  # never used: nothing is sent
        **({"WEB_CONCURRENCY": workers} if workers else {}),
        "PORT": str(port),
        "GUNICORN_LOG_LEVEL": "warning",
        "LOG_LEVEL": "WARNING",
        **more,
    }


def production_environ(database_url, port, s3_endpoint):
    """What an operator and the PaaS set. The router's HTTPS is not there:
    Lighthouse talks plain HTTP to 127.0.0.1 (a secure context for the
    browser), so the HTTPS redirect is off."""
    return {
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "HOME": os.environ.get("HOME", str(ROOT)),
        "DJANGO_SETTINGS_MODULE": "campaign.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "false",
        "EMAIL_HOST": "smtp.example.org",  # never used: nothing is sent
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
        "WEB_CONCURRENCY": WORKERS,
        "PORT": str(port),
        "GUNICORN_LOG_LEVEL": "warning",
        "LOG_LEVEL": "WARNING",
    }


def manage(environ, *args, capture=False):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environ,
        check=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        text=True,
    )
    return result.stdout


def build_site(environ, port):
    """The release command, the demo content and the collected static files;
    the default site answers at the address Lighthouse uses, so canonical and
    social links point where the page was loaded from."""
    # Its deploy check warns that the HTTPS redirect is off: expected here.
    release = subprocess.run(
        ["bash", "-c", procfile()["release"]], cwd=ROOT, env=environ, capture_output=True, text=True
    )
    if release.returncode:
        raise SystemExit(f"The release command failed:\n{release.stdout}{release.stderr}")
    manage(environ, "load_demo_content")
    manage(environ, "collectstatic", "--noinput", "-v0")
    manage(
        environ,
        "shell",
        "--no-imports",
        "-c",
        "from wagtail.models import Site; "
        f"Site.objects.filter(is_default_site=True).update(hostname='127.0.0.1', port={port})",
    )
    output = manage(environ, "shell", "--no-imports", "-c", PAGE_URLS, capture=True)
    return json.loads(output.strip().splitlines()[-1])


def warm(url, attempts=5):
    """View a page once, so that its image renditions exist before anything is
    measured. On a busy machine, making a listing's AVIF renditions can outlast
    gunicorn's timeout: each attempt keeps what the last one made."""
    for attempt in range(1, attempts + 1):
        try:
            urllib.request.urlopen(url, timeout=60).read()
            return
        except urllib.error.HTTPError as error:
            if error.code != 500 or attempt == attempts:
                raise


@contextlib.contextmanager
def demo_site():
    """Serve the demo content as in production; yields the base URL and the
    path of each kind of page (PAGE_URLS). Everything is stopped and thrown
    away on exit."""
    moto = gunicorn = database = None
    with tempfile.TemporaryDirectory() as folder:
        try:
            s3_port = free_port()
            s3_endpoint = f"http://127.0.0.1:{s3_port}"
            moto = start(
                [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(s3_port)],
                quiet=True,
            )
            wait_for(f"{s3_endpoint}/moto-api/", moto, "moto_server")
            public_bucket(s3_endpoint)

            database = Database(folder)
            port = free_port()
            environ = production_environ(database.url, port, s3_endpoint)
            started = time.perf_counter()
            urls = build_site(environ, port)
            print(f"site built on {database.label} in {time.perf_counter() - started:.0f} s")

            gunicorn = start(["bash", "-c", procfile()["web"]], environ)
            base = f"http://127.0.0.1:{port}"
            wait_for(f"{base}/healthz", gunicorn, "gunicorn")
            for path in urls.values():
                if path:
                    warm(base + path)
            yield base, urls
        finally:
            stop(gunicorn)
            stop(moto)
            if database:
                database.drop()


def worker_pids(master):
    """The gunicorn master's children: its workers."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return sorted(int(pid) for pid in children)


def gunicorn_master(process):
    """The gunicorn master: the Procfile's bash -c runs it as its only
    command, so it is the process itself or its one child."""
    pids = [
        process.pid,
        *map(int, Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()),
    ]
    for pid in pids:
        if "gunicorn" in Path(f"/proc/{pid}/cmdline").read_text():
            return pid
    raise SystemExit("No gunicorn master found")
