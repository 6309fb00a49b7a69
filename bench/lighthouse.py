"""Lighthouse (mobile) on the main kinds of page, served as in production:
the Procfile's release and web commands (gunicorn, production settings,
static files collected and served by whitenoise), the demo content, and media
on S3-compatible storage (a moto server on loopback).

    .venv/bin/python bench/lighthouse.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/lighthouse.py

Without DATABASE_URL (or with a sqlite:// one) the site runs on a throwaway
SQLite file. With a PostgreSQL URL, a throwaway database `bench_lighthouse`
is created on that server and dropped after: never a `test_*` name, which
the PostgreSQL test suite uses. Performance swings with the machine's load,
so do not run this beside the test suite (ps aux | grep pytest).

Needs `npm ci` (node_modules/.bin/lighthouse) and Debian's chromium
(CHROMIUM_PATH). BENCH_RUNS=N runs Lighthouse N times per page and reports
the median of each score. Prints, per page, the four category scores and
what crossed the wire (HTML+CSS+JS, then everything including images), then
every audit that cost accessibility, best practices or SEO points. The JSON
reports are kept in bench/results/lighthouse/.
"""

import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Headless, as root, and without Chromium's calls to outside services.
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
RUNS = int(os.environ.get("BENCH_RUNS", "1"))
WORKERS = os.environ.get("WEB_CONCURRENCY", "2")
BUCKET = "campaign-media"
DATABASE = "bench_lighthouse"
RESULTS = ROOT / "bench" / "results" / "lighthouse"

# The pages measured, found by the demo content's models (see page_urls).
PAGES = ["home", "story", "theme", "petition", "letter", "donate"]
PAGE_URLS = """
import json
from actions.models import DonatePage, LetterPage, PetitionPage
from home.models import HomePage
from stories.models import ExonereeStoryPage, ThemePage
first = lambda model: model.objects.live().order_by("path").first().url
print(json.dumps({
    "home": first(HomePage),
    "story": first(ExonereeStoryPage),
    "theme": first(ThemePage),
    "petition": first(PetitionPage),
    "letter": first(LetterPage),
    "donate": first(DonatePage),
}))
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def procfile():
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


def run_lighthouse(url, output, attempts=3):
    """One Lighthouse report of `url`. Under load, Chromium sometimes loses the
    trace ("run Lighthouse again", NO_NAVSTART): it is run again, up to
    `attempts` times."""
    environ = {**os.environ, "CHROME_PATH": CHROMIUM}
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    for attempt in range(1, attempts + 1):
        result = subprocess.run(command, env=environ, capture_output=True, text=True, timeout=300)
        if result.returncode == 0:
            return json.loads(output.read_text())
        if attempt < attempts:
            print(f"  (lighthouse failed on {url}, attempt {attempt}; trying again)")
    raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")


def transfer(report):
    """Bytes over the wire: HTML, CSS and JS together, and everything."""
    items = {
        item["resourceType"]: item["transferSize"]
        for item in report["audits"]["resource-summary"]["details"]["items"]
    }
    code = sum(items.get(kind, 0) for kind in ("document", "stylesheet", "script"))
    return code, items.get("total", 0)


def describe(item):
    """What an audit's detail row points at: an element, a message, a URL."""
    node = item.get("node") or {}
    where = (item.get("sourceLocation") or {}).get("url", "")
    what = node.get("snippet") or item.get("description") or item.get("url") or ""
    return f"{what} {urlsplit(where).path}".strip()[:160]


def lost_points(report):
    """Audits that cost points outside performance: (category, id, title, detail)."""
    lost = []
    for category in CATEGORIES[1:]:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                items = (audit.get("details") or {}).get("items") or []
                detail = "; ".join(describe(item) for item in items[:3])
                lost.append((category, ref["id"], audit["title"], detail))
    return lost


def main():
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: run `npm ci --ignore-scripts` (or bin/test).")
    if not os.access(CHROMIUM, os.X_OK):
        raise SystemExit(f"Chromium is missing at {CHROMIUM}: install it or set CHROMIUM_PATH.")
    busy = subprocess.run(["pgrep", "-f", "pytest"], capture_output=True, text=True).stdout
    if busy.strip():
        print("note: pytest is running on this machine; performance scores will be low\n")

    RESULTS.mkdir(parents=True, exist_ok=True)
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
            for path in urls.values():  # first views make the image renditions
                urllib.request.urlopen(base + path, timeout=60).read()

            print(
                f"gunicorn: {WORKERS} sync workers; Lighthouse {lighthouse_version()}, mobile "
                f"(simulated throttling), {RUNS} run(s) per page, median shown; "
                f"{os.cpu_count()} CPUs\n"
            )
            header = f"{'page':10} {'path':44} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4}"
            print(f"{header} {'HTML+CSS+JS':>11} {'all bytes':>10}")
            lost = {}
            for name in PAGES:
                path = urls[name]
                scores = {category: [] for category in CATEGORIES}
                for run in range(RUNS):
                    report = run_lighthouse(base + path, RESULTS / f"{name}-{run + 1}.json")
                    for category in CATEGORIES:
                        scores[category].append(report["categories"][category]["score"] * 100)
                    for category, audit, title, detail in lost_points(report):
                        lost.setdefault((category, audit, title), {})[name] = detail
                code, total = transfer(report)
                medians = [statistics.median(scores[category]) for category in CATEGORIES]
                print(
                    f"{name:10} {path:44.44} "
                    + " ".join(f"{score:>4.0f}" for score in medians)
                    + f" {code:>11,} {total:>10,}"
                )
            print("\nPoints lost outside performance:" if lost else "\nNo points lost outside it.")
            for (category, audit, title), pages in sorted(lost.items()):
                print(f"  {category}: {audit} ({title}) on {', '.join(pages)}")
                for name, detail in pages.items():
                    if detail:
                        print(f"      {name}: {detail}")
        finally:
            stop(gunicorn)
            stop(moto)
            if database:
                database.drop()


def lighthouse_version():
    package = ROOT / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text())["version"]


if __name__ == "__main__":
    main()
