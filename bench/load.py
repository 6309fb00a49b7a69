"""Requests per second under load, from the production stack: the Procfile's
web process (gunicorn, production settings) on PostgreSQL and Redis, Varnish
with deploy/varnish.vcl in front of it, and Debian's `wrk`.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/load.py

Prints requests per second and errors for:
- a trivial WSGI app returning each page as the site served it, headers and bytes
  (bench/trivial_wsgi.py) on the same gunicorn settings: each page's ceiling;
- the home, story, story index and petition pages from the app with its page
  cache off (PAGE_CACHE_ENABLED=false: every request rendered) and on;
- the same pages through Varnish (asking for gzip, as browsers do; the app
  and the trivial app are asked for plain HTML, the same bytes).
Then the issue's targets beside the figures. wrk shares the machine's cores
with the servers: compare figures from one run, not across runs or machines.

Settings (environment): BENCH_STORIES (1000), LOAD_SECONDS (10) and
LOAD_CONNECTIONS (16) per measurement, LOAD_THREADS (2), WEB_CONCURRENCY
(gunicorn.conf.py's own default when unset: two a core, at most four),
DATABASE_URL (a PostgreSQL server: a throwaway database BENCH_DATABASE,
default bench_load, is made on it and dropped after), BENCH_REDIS_URL (a Redis
database this script empties), LOCAL_PORTS (a port range to keep to).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.demo_site import (  # noqa: E402
    free_port,
    gunicorn_environ,
    gunicorn_master,
    procfile,
    start,
    stop,
    wait_for,
    worker_pids,
)

STORIES = int(os.environ.get("BENCH_STORIES", "1000"))
SIGNATURES = int(os.environ.get("BENCH_SIGNATURES", "1000"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", "16"))
THREADS = int(os.environ.get("LOAD_THREADS", "2"))
WORKERS = os.environ.get("WEB_CONCURRENCY", "")
SERVER_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DATABASE = os.environ.get("BENCH_DATABASE", "bench_load")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
VARNISHD = "/usr/sbin/varnishd"
PAGES = ("home", "story", "index", "petition")
# Headers of one response, not of the page: the trivial app doesn't repeat them.
PER_EXCHANGE = {"date", "server", "connection", "transfer-encoding", "content-length"}
# The targets (13, "Must show").
CACHED_SHARE_OF_TRIVIAL = 0.5
VARNISH_RATE = 20_000


def build():
    """The content, in the bench database (run in a child process with the
    production settings): BENCH_STORIES stories, three themes, a petition
    with signatures. Prints each page's address."""
    import django

    django.setup()
    # One transaction: a commit per row would cost more than the rows.
    from django.db import transaction

    with transaction.atomic():
        return _build()


def _build():
    from actions.models import ActionSettings
    from home.models import HomePage
    from stories.models import ExonereeStoryPage
    from tests.factories import (
        ActionIndexPageFactory,
        PetitionPageFactory,
        SignatureFactory,
        add_stories,
        story_database,
    )

    home = HomePage.objects.get()
    index, __, factors, portrait = story_database(home)
    started = time.perf_counter()
    add_stories(index, range(STORIES), portrait, factors)
    built = time.perf_counter() - started
    story = ExonereeStoryPage.objects.order_by("pk")[STORIES // 2]
    actions = ActionIndexPageFactory(parent=home)
    petition = PetitionPageFactory(parent=actions, goal=50_000)
    ActionSettings.objects.create(site=home.get_site(), default_action=petition)
    SignatureFactory.create_batch(SIGNATURES, action=petition, source_page=story)
    urls = {"home": home.url, "story": story.url, "index": index.url, "petition": petition.url}
    print(json.dumps({"urls": urls, "seconds": built}))


def postgres(sql):
    import psycopg

    with psycopg.connect(SERVER_URL, autocommit=True) as connection:
        connection.execute(sql)


def environ_for(database_url, port, **more):
    return gunicorn_environ(
        database_url,
        REDIS_URL,
        port,
        WORKERS,
        # gunicorn's own way to try other settings (e.g. "--threads 4").
        GUNICORN_CMD_ARGS=os.environ.get("GUNICORN_CMD_ARGS", ""),
        **more,
    )


def run(command, environ):
    result = subprocess.run(command, cwd=ROOT, env=environ, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"{command} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def empty_redis():
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def wrk(url, *headers):
    """Requests per second and errors (socket errors and non-2xx/3xx)."""
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s"]
    output = run([*command, *(f"-H{header}" for header in headers), url], os.environ)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rate, errors + (int(non_2xx.group(1)) if non_2xx else 0)


def get(url, **headers):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60) as r:
        return r.headers, r.read()


def serve(environ, *args):
    """The Procfile's web command (with gunicorn arguments added), ready."""
    process = start(["bash", "-c", " ".join([procfile()["web"], *args])], environ)
    wait_for(f"http://127.0.0.1:{environ['PORT']}/healthz", process, "gunicorn")
    return process


def varnish(folder, backend_port):
    vcl = (ROOT / "deploy/varnish.vcl").read_text()
    vcl = re.sub(
        r'(backend app \{.*?\.port = )"\d+"', rf'\1"{backend_port}"', vcl, count=1, flags=re.S
    )
    (Path(folder) / "varnish.vcl").write_text(vcl)
    os.chmod(folder, 0o755)  # noqa: S103 (varnishd's worker is unprivileged; nothing secret)
    port = free_port()
    command = [
        VARNISHD, "-F", "-n", folder, "-a", f"127.0.0.1:{port}", "-T", f"127.0.0.1:{free_port()}",
        "-f", f"{folder}/varnish.vcl", "-s", "malloc,256m",
    ]  # fmt: skip
    process = start(command, quiet=True)
    wait_for(f"http://127.0.0.1:{port}/healthz", process, "varnishd")
    return process, port


def measure(label, base, urls, results, expect_cache=None, *headers):
    for page in PAGES:
        url = base + urls[page]
        get(url)
        answer, _ = get(url)
        cache = answer.get("X-Cache", "-")
        if expect_cache and cache != expect_cache:
            print(f"  note: {label} {page} answered X-Cache: {cache}, not {expect_cache}")
        results[(label, page)] = wrk(url, *headers)
        rate, errors = results[(label, page)]
        print(f"  {label:14} {page:9} {rate:>10,.0f}/s  errors {errors}", flush=True)


def pss_mib(pid):
    """A process's proportional set size: its own memory, and its share of
    what it shares with the others (the code the master loaded before forking)."""
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    return int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.M).group(1)) / 1024


def memory(process):
    master = gunicorn_master(process)
    workers = worker_pids(master)
    each = ", ".join(f"{pss_mib(pid):.0f}" for pid in workers)
    total = pss_mib(master) + sum(pss_mib(pid) for pid in workers)
    print(f"  {len(workers)} workers after the cached run: {each} MiB each, {total:.0f} MiB in all")


def report(results):
    print(f"\n{'requests/s':14}", *(f"{page:>10}" for page in PAGES))
    for label in ("trivial app", "app, uncached", "app, cached", "varnish"):
        print(f"{label:14}", *(f"{results[(label, page)][0]:>10,.0f}" for page in PAGES))
    shares = {
        page: results[("app, cached", page)][0] / results[("trivial app", page)][0]
        for page in PAGES
    }
    print(f"{'cached/trivial':14}", *(f"{shares[page]:>10.0%}" for page in PAGES), "\n")
    errors = sum(errors for _, errors in results.values())
    slowest = min(shares, key=shares.get)
    # The petition is not a hit at the edge alone: Varnish fetches each
    # visitor's form stamp from the app (an ESI include) for every view.
    whole = [page for page in PAGES if page != "petition"]
    edge = min(results[("varnish", page)][0] for page in whole)
    checks = [
        (
            f"cached pages >= {CACHED_SHARE_OF_TRIVIAL:.0%} of the trivial app",
            f"lowest {shares[slowest]:.0%} ({slowest})",
            shares[slowest] >= CACHED_SHARE_OF_TRIVIAL,
        ),
        (
            f"Varnish hits >= {VARNISH_RATE:,}/s ({', '.join(whole)})",
            f"slowest {edge:,.0f}/s",
            edge >= VARNISH_RATE,
        ),
        ("no errors", f"{errors} errors", errors == 0),
    ]
    one, five, fifteen = os.getloadavg()
    print(
        f"load average {one:.1f} {five:.1f} {fifteen:.1f} (1, 5, 15 min) on {os.cpu_count()} "
        "cores: above the core count, other work shared the machine and every figure is low"
    )
    print("targets (issue 13)")
    for target, figure, met in checks:
        print(f"  {'met    ' if met else 'MISSED '} {target:42} {figure}")


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "build":
        return build()
    database_url = urlsplit(SERVER_URL)._replace(path=f"/{DATABASE}").geturl()
    print(
        f"{STORIES} stories, gunicorn with {WORKERS or 'its default number of'} workers, "
        f"wrk with {CONNECTIONS} "
        f"connections for {SECONDS} s per page, on {os.cpu_count()} cores shared with wrk"
    )
    processes = []
    edge_folder = None
    postgres(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    postgres(f"CREATE DATABASE {DATABASE}")
    empty_redis()
    try:
        with tempfile.TemporaryDirectory() as folder:
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            environ = environ_for(database_url, port)
            started = time.perf_counter()
            run(["bash", "-c", procfile()["release"]], environ)
            run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], environ)
            built = run([sys.executable, __file__, "build"], environ).strip().splitlines()[-1]
            built = json.loads(built)
            urls = built["urls"]
            print(
                f"site built in {time.perf_counter() - started:.0f} s "
                f"({STORIES} stories in {built['seconds']:.0f} s)\n"
            )
            results = {}

            processes.append(serve({**environ, "PAGE_CACHE_ENABLED": "false"}))
            # Each page's bytes as the app serves them, for the trivial app.
            bodies = {}
            for page in PAGES:
                bodies[urls[page]] = str(Path(folder) / f"{page}.html")
                headers, body = get(base + urls[page])
                Path(bodies[urls[page]]).write_bytes(body)
                # Its headers too (the security headers are most of them),
                # but those that describe one exchange.
                kept = [(n, v) for n, v in headers.items() if n.lower() not in PER_EXCHANGE]
                Path(bodies[urls[page]] + ".headers").write_text(json.dumps(kept))
            measure("app, uncached", base, urls, results)
            stop(processes.pop())

            trivial_app = {**environ, "TRIVIAL_BODIES": json.dumps(bodies)}
            processes.append(serve(trivial_app, "bench.trivial_wsgi:application"))
            measure("trivial app", base, urls, results)
            stop(processes.pop())

            processes.append(serve(environ))
            measure("app, cached", base, urls, results, expect_cache="HIT")
            memory(processes[-1])
            # Its own folder, outside this one: varnishd's worker is unprivileged.
            edge_folder = tempfile.mkdtemp(prefix="varnish-")
            process, edge_port = varnish(edge_folder, port)
            processes.append(process)
            # As browsers ask: Varnish keeps the app's gzipped copy and would
            # otherwise unzip it for every request.
            edge = f"http://127.0.0.1:{edge_port}"
            measure("varnish", edge, urls, results, "HIT", "Accept-Encoding: gzip")
            report(results)
    finally:
        for process in reversed(processes):
            stop(process)
        if edge_folder:
            shutil.rmtree(edge_folder, ignore_errors=True)
        postgres(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


if __name__ == "__main__":
    main()
