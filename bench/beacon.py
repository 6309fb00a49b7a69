"""Requests per second and server time of the view counter (impact.endpoint),
on the Procfile's web process (gunicorn, production settings) with Redis,
under Debian's `wrk`; then the worker's run, which must write every view.

    .venv/bin/python bench/beacon.py

Prints, for the image (GET, a reader without JavaScript) and the beacon
(POST, with JavaScript), from the counter and from a trivial WSGI app that
only answers its pixel on the same gunicorn settings (bench/trivial_wsgi.py:
the ceiling on this machine at that moment): requests per second, errors,
and the mean time
gunicorn spent on a request (its access log's %(D)s, so Redis's round trip
is in it and the wait in the socket's queue is not); then how many views the
worker wrote against how many requests were answered, and the issue's
targets (17: under 2 ms a request on average, at least 2,000 a second).
wrk shares the machine's cores with gunicorn and Redis: compare figures from
one run, not across runs or machines.

Settings (environment): LOAD_SECONDS (10) and LOAD_CONNECTIONS (16) per
measurement, LOAD_THREADS (2), WEB_CONCURRENCY (gunicorn.conf.py's default
when unset), BENCH_REDIS_URL (a Redis database this script empties, default
redis://127.0.0.1:6379/12), LOCAL_PORTS (a port range to keep to). The
database is a throwaway SQLite file: the counter never reads it.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.demo_site import free_port, gunicorn_environ, procfile, stop, wait_for  # noqa: E402
from bench.load import CONNECTIONS, PER_EXCHANGE, SECONDS, THREADS, WORKERS, get  # noqa: E402

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")
BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Mobile Safari/537.36"
)
TARGET_RATE = 2_000
TARGET_MILLISECONDS = 2.0
POST_SCRIPT = 'wrk.method = "POST"\n'


def environ_for(folder, port):
    return gunicorn_environ(
        f"sqlite:///{folder}/bench.sqlite3",
        REDIS_URL,
        port,
        WORKERS,
        # One access log line per request: the microseconds gunicorn spent on it.
        GUNICORN_CMD_ARGS="--access-logformat=%(D)s",
    )


def manage(environ, code=None, *args):
    """Run a manage.py command, or `code` in its shell; its last line printed."""
    args = ("shell", "--no-imports", "-c", code) if code else args
    command = [sys.executable, "manage.py", *args]
    result = subprocess.run(command, cwd=ROOT, env=environ, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"{command} failed:\n{result.stdout}{result.stderr}")
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def wrk(url, script=None):
    """Requests per second, requests answered and errors."""
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s"]
    command += [f"-HUser-Agent: {BROWSER}", *(["-s", script] if script else []), url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    answered = int(re.search(r"(\d+) requests in", output)[1])
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rate, answered, errors + (int(non_2xx[1]) if non_2xx else 0)


def server_times(log, start):
    """The microseconds of each request logged after line `start`."""
    lines = log.read_text().splitlines()
    return [int(line) for line in lines[start:] if line.strip().isdigit()], len(lines)


def serve(environ, log, *args):
    """The Procfile's web command (with gunicorn arguments added), ready,
    its access log going to `log`."""
    with log.open("a") as output:
        server = subprocess.Popen(
            ["bash", "-c", " ".join([procfile()["web"], *args])],
            cwd=ROOT,
            env=environ,
            stdout=output,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    wait_for(f"http://127.0.0.1:{environ['PORT']}/healthz", server, "gunicorn")
    return server


def measure(name, url, log, script, results):
    __, start = server_times(log, 0)
    for method, kind in (("GET", None), ("POST", script)):
        rate, answered, errors = wrk(url, kind and str(kind))
        times, start = server_times(log, start)
        mean = sum(times) / len(times) / 1000 if times else float("nan")
        results[(name, method)] = (rate, answered, errors, mean)
        print(
            f"  {name:12} {method:5} {rate:>9,.0f}/s  errors {errors}  "
            f"mean server time {mean:.3f} ms over {len(times):,} requests",
            flush=True,
        )


def main():
    import redis

    results = {}
    with tempfile.TemporaryDirectory() as folder:
        port = free_port()
        environ = environ_for(folder, port)
        manage(environ, None, "migrate", "--noinput", "-v0")
        address = manage(
            environ,
            "from home.models import HomePage; from impact.beacon import address; "
            "print(address(HomePage.objects.get().pk, 'en'))",
        )
        redis.Redis.from_url(REDIS_URL).flushdb()
        log = Path(folder) / "access.log"
        script = Path(folder) / "post.lua"
        script.write_text(POST_SCRIPT)
        url = f"http://127.0.0.1:{port}{address}"
        print(
            f"The view counter on gunicorn ({WORKERS or 'its default number of'} workers) "
            f"with Redis, wrk with {CONNECTIONS} connections for {SECONDS} s, on "
            f"{os.cpu_count()} cores shared with wrk, Redis and any other work on the "
            f"machine (load average {os.getloadavg()[0]:.1f} at the start)"
        )
        server = serve(environ, log)
        try:
            # Its answer, headers and bytes, for the trivial app below.
            headers, body = get(url, **{"User-Agent": BROWSER})
            measure("counter", url, log, script, results)
        finally:
            stop(server)
        # The ceiling: a WSGI app answering the counter's pixel and headers
        # and doing nothing else, on the same gunicorn settings.
        pixel = Path(folder) / "pixel.gif"
        pixel.write_bytes(body)
        kept = [(n, v) for n, v in headers.items() if n.lower() not in PER_EXCHANGE]
        Path(f"{pixel}.headers").write_text(json.dumps(kept))
        trivial = {**environ, "TRIVIAL_BODIES": json.dumps({urlsplit(url).path: str(pixel)})}
        server = serve(trivial, log, "bench.trivial_wsgi:application")
        try:
            measure("trivial app", url, log, script, results)
        finally:
            stop(server)
        manage(environ, None, "run_worker", "--batch")
        written = int(
            manage(
                environ,
                "from django.db.models import Sum; from impact.models import DailyPageViews; "
                "print(DailyPageViews.objects.aggregate(n=Sum('views'))['n'] or 0)",
            )
        )
        answered = sum(result[1] for (name, __), result in results.items() if name == "counter")
        print(f"  the worker wrote {written:,} views for {answered:,} counted requests")
        redis.Redis.from_url(REDIS_URL).flushdb()

    print("Targets (issue 17):")
    for method in ("GET", "POST"):
        rate, __, errors, mean = results[("counter", method)]
        ceiling = results[("trivial app", method)][0]
        ok = rate >= TARGET_RATE and mean < TARGET_MILLISECONDS and not errors
        print(
            f"  {method:5} {'met' if ok else 'NOT MET'}: {rate:,.0f}/s (≥ {TARGET_RATE:,}; "
            f"{rate / ceiling:.0%} of the trivial app's {ceiling:,.0f}/s), "
            f"{mean:.3f} ms (< {TARGET_MILLISECONDS} ms), {errors} errors"
        )
    # wrk counts requests it sent but had no answer to when time was up.
    print(f"  every view written: {'yes' if written >= answered else 'NO'}")


if __name__ == "__main__":
    main()
