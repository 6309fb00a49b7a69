"""A soak: the production stack under steady mixed traffic for ten minutes,
to find what only time shows (a leak, a slow creep, a rare error).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/soak.py

The stack is bench/load.py's: the Procfile's release and web commands
(gunicorn with production settings) on PostgreSQL and Redis, with the same
content (SOAK_STORIES stories, a petition with signatures). SOAK_CLIENTS
client threads then read the home page, a story, the story index (and its
second page), a search and the petition, and sign the petition (one request
in SOAK_SIGN_EVERY), each signature from its own address as the router
forwards it, for BENCH_SOAK_SECONDS (600). The first SOAK_WARMUP_SECONDS are
warm-up, not counted.

Prints the answers by status (errors: every status from 400 up, and failed
connections), the 50th and 99th percentile latency (client side), and each
gunicorn worker's resident memory (VmRSS) after warm-up and at the end.
Targets: no 5xx, and each worker's memory within 10 % of its value after
warm-up.

Settings (environment): DATABASE_URL (a PostgreSQL server: a throwaway
database BENCH_DATABASE, default bench_soak, is made on it and dropped
after), BENCH_REDIS_URL (a Redis database this script empties),
WEB_CONCURRENCY (2), LOCAL_PORTS (a port range to keep to).
"""

import http.client
import json
import os
import random
import re
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BENCH_DATABASE", "bench_soak")

from bench import load  # noqa: E402
from bench.demo_site import free_port, gunicorn_master, procfile, stop, worker_pids  # noqa: E402

SECONDS = int(os.environ.get("BENCH_SOAK_SECONDS", "600"))
WARMUP_SECONDS = int(os.environ.get("SOAK_WARMUP_SECONDS", str(min(60, max(10, SECONDS // 10)))))
STORIES = os.environ.get("SOAK_STORIES", "300")
CLIENTS = int(os.environ.get("SOAK_CLIENTS", "8"))
SIGN_EVERY = int(os.environ.get("SOAK_SIGN_EVERY", "8"))
MEMORY_GROWTH = 0.10


def rss_kib(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))


class Traffic:
    """CLIENTS threads of mixed reads and signatures until `stop`; answers are
    counted only once `counting` is set."""

    def __init__(self, port, urls):
        self.port = port
        self.reads = [
            urls["home"],
            urls["story"],
            urls["index"],
            urls["index"] + "?page=2",
            "/search/?q=conviction",
            urls["petition"],
        ]
        self.petition = urls["petition"]
        self.counting = threading.Event()
        self.stopped = threading.Event()
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.latencies = []
        self.signed = 0
        self.unsigned = 0  # petition pages without a form to sign
        self.threads = [threading.Thread(target=self.client, args=(n,)) for n in range(CLIENTS)]

    def request(self, method, path, address, body=None, *, gzip=True):
        headers = {
            "Host": "127.0.0.1",
            "X-Forwarded-For": address,
            "Sec-Fetch-Site": "same-origin",
        }
        if gzip:
            headers["Accept-Encoding"] = "gzip"
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            status = response.status
        except OSError as error:
            content, status = b"", type(error).__name__
        finally:
            connection.close()
        elapsed = time.perf_counter() - started
        if self.counting.is_set():
            with self.lock:
                self.statuses[status] += 1
                self.latencies.append(elapsed)
        return status, content

    def sign(self, n, count):
        address = f"10.{n}.{count // 250 % 250}.{count % 250 + 1}"
        # The form as this visitor is shown it, then sent (a person takes no
        # time here: ACTION_MIN_FILL_SECONDS is 0).
        status, page = self.request("GET", self.petition, address, gzip=False)
        stamp = re.search(rb'name="shown" value="([^"]+)"', page) if status == 200 else None
        if stamp is None:
            with self.lock:
                self.unsigned += 1
            return
        fields = {
            "fax": "",
            "shown": stamp.group(1).decode(),
            "first_name": "Soak",
            "last_name": f"Client{n}",
            "email": f"soak-{n}-{count}-{random.getrandbits(32):x}@example.org",
            "postcode": "10001",
        }
        status, _ = self.request("POST", self.submit, address, urlencode(fields))
        if status in (302, 303) and self.counting.is_set():
            with self.lock:
                self.signed += 1

    def client(self, n):
        count = 0
        while not self.stopped.is_set():
            count += 1
            if count % SIGN_EVERY == 0:
                self.sign(n, count)
            else:
                page = random.choice(self.reads)  # noqa: S311 (a mix of pages, not a secret)
                self.request("GET", page, f"192.0.2.{n + 1}")

    def start(self):
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stopped.set()
        for thread in self.threads:
            thread.join()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def submit_url(environ):
    """Where the petition's form posts (load.py's build makes one petition)."""
    code = (
        "from actions.models import PetitionPage; "
        "print(PetitionPage.objects.live().get(locale__language_code='en').submit_url)"
    )
    output = load.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", code], environ)
    return output.strip().splitlines()[-1]


def main():
    database_url = urlsplit(load.SERVER_URL)._replace(path=f"/{load.DATABASE}").geturl()
    print(
        f"soak: {SECONDS} s ({WARMUP_SECONDS} s warm-up) of {CLIENTS} clients, one request in "
        f"{SIGN_EVERY} a signature; {STORIES} stories; gunicorn with {load.WORKERS} workers"
    )
    load.postgres(f"DROP DATABASE IF EXISTS {load.DATABASE} WITH (FORCE)")
    load.postgres(f"CREATE DATABASE {load.DATABASE}")
    load.empty_redis()
    process = None
    try:
        port = free_port()
        environ = load.environ_for(
            database_url,
            port,
            # Each signature from its own address, as the router says.
            TRUSTED_PROXY_HOPS="1",
            ACTION_MIN_FILL_SECONDS="0",
        )
        started = time.perf_counter()
        load.run(["bash", "-c", procfile()["release"]], environ)
        load.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], environ)
        built = load.run(
            [sys.executable, str(ROOT / "bench/load.py"), "build"],
            {**environ, "BENCH_STORIES": STORIES},
        )
        urls = json.loads(built.strip().splitlines()[-1])["urls"]
        print(f"site built in {time.perf_counter() - started:.0f} s", flush=True)

        process = load.serve(environ)
        master = gunicorn_master(process)
        traffic = Traffic(port, urls)
        traffic.submit = submit_url(environ)
        traffic.start()
        time.sleep(WARMUP_SECONDS)
        workers = worker_pids(master)
        memory_start = {pid: rss_kib(pid) for pid in workers}
        traffic.counting.set()
        measured = time.monotonic()
        while (left := SECONDS - WARMUP_SECONDS - (time.monotonic() - measured)) > 0:
            time.sleep(min(left, 60))
            print(
                f"  {time.monotonic() - measured:5.0f} s: {sum(traffic.statuses.values())} "
                f"answers, {traffic.signed} signatures, RSS "
                + ", ".join(f"{rss_kib(pid) / 1024:.1f}" for pid in worker_pids(master))
                + " MiB",
                flush=True,
            )
        workers_end = worker_pids(master)
        memory_end = {pid: rss_kib(pid) for pid in workers_end}
        traffic.stop()
        elapsed = time.monotonic() - measured
    finally:
        stop(process)
        load.postgres(f"DROP DATABASE IF EXISTS {load.DATABASE} WITH (FORCE)")

    report(traffic, elapsed, workers, memory_start, workers_end, memory_end)


def report(traffic, elapsed, workers, memory_start, workers_end, memory_end):
    answers = sum(traffic.statuses.values())
    errors = {
        status: n
        for status, n in traffic.statuses.items()
        if not isinstance(status, int) or status >= 400
    }
    server_errors = sum(n for s, n in errors.items() if not isinstance(s, int) or s >= 500)
    latencies = [seconds * 1000 for seconds in traffic.latencies]
    print(
        f"\n{answers} answers in {elapsed:.0f} s ({answers / elapsed:.0f}/s), "
        f"{traffic.signed} signatures acknowledged"
        + (f", {traffic.unsigned} petition pages without a form" if traffic.unsigned else "")
    )
    print(
        "answers by status:",
        ", ".join(f"{s}×{n}" for s, n in sorted(traffic.statuses.items(), key=str)),
    )
    print("errors:", ", ".join(f"{s}×{n}" for s, n in sorted(errors.items(), key=str)) or "none")
    print(
        f"latency: p50 {percentile(latencies, 0.5):.0f} ms, "
        f"p99 {percentile(latencies, 0.99):.0f} ms"
    )
    growth = {}
    for pid in workers:
        end = memory_end.get(pid)
        change = f"{(end / memory_start[pid] - 1):+.1%}" if end else "(worker replaced)"
        growth[pid] = (end / memory_start[pid] - 1) if end else None
        print(
            f"worker {pid}: RSS {memory_start[pid] / 1024:.1f} MiB after warm-up, "
            f"{end / 1024 if end else 0:.1f} MiB at the end {change}"
        )
    replaced = set(workers_end) - set(workers)
    if replaced:
        print(f"workers started during the soak (an earlier one died): {sorted(replaced)}")
    one, five, fifteen = os.getloadavg()
    print(
        f"load average {one:.1f} {five:.1f} {fifteen:.1f} (1, 5, 15 min) on {os.cpu_count()} cores"
    )
    checks = [
        ("no 5xx", f"{server_errors} 5xx or failed connections", server_errors == 0),
        (
            f"worker memory within {MEMORY_GROWTH:.0%} of warm-up",
            ", ".join("replaced" if g is None else f"{g:+.1%}" for g in growth.values()),
            not replaced
            and all(g is not None and abs(g) <= MEMORY_GROWTH for g in growth.values()),
        ),
    ]
    print("targets (issue 14)")
    for target, figure, met in checks:
        print(f"  {'met    ' if met else 'MISSED '} {target:38} {figure}")
    return all(met for _, _, met in checks)


if __name__ == "__main__":
    main()
