"""Signing a petition under load, served as in production: the Procfile's web
command (gunicorn, production settings) against PostgreSQL, with Redis as the
shared cache that holds the rate limit.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
    REDIS_URL=redis://127.0.0.1:6379/14 .venv/bin/python bench/actions.py

A throwaway database (test_<name>) is created and dropped, as in
bench/pages.py; never run it while the test suite uses the same PostgreSQL
database name. Only the site's own keys ("campaign:*") are deleted from the
Redis database. BENCH_THREADS=N gives each gunicorn worker N threads
(production runs sync workers: WEB_CONCURRENCY processes, one request each).

Rounds, each from a pool of 50 client threads:
  1. 50 distinct signers at the same instant, each from its own address;
  2. 50 submissions of one email (in varying case) at the same instant;
  3. 200 submissions from one address: the first ACTION_RATE_LIMIT are
     thanked, the rest refused with 429;
  4. 20 submissions with the honeypot filled: thanked, and nothing stored.
Prints, per round, the answers by status, the 5xx count, the median and 95th
percentile submission time (client side, including the wait for a free
worker), then the rows stored and the count each petition page shows.
"""

import http.client
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.settings.test")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/14")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from demo_site import free_port, procfile  # noqa: E402

from django.conf import settings  # noqa: E402
from django.core import signing  # noqa: E402
from django.db import connection  # noqa: E402

HOST = "campaign.example.org"
SECRET_KEY = secrets.token_urlsafe(50)
CLIENTS = 50
RATE_LIMIT = int(os.environ.get("ACTION_RATE_LIMIT", "20"))
THREADS = int(os.environ.get("BENCH_THREADS", "0"))
WORKERS = os.environ.get("WEB_CONCURRENCY", "2")


def production_environ(database_url, port):
    """What an operator and the PaaS set, for a site without a webhook."""
    environ = {
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "HOME": os.environ.get("HOME", str(ROOT)),
        "DJANGO_SETTINGS_MODULE": "campaign.settings.production",
        "SECRET_KEY": SECRET_KEY,
        "DATABASE_URL": database_url,
        "REDIS_URL": os.environ["REDIS_URL"],
        "ALLOWED_HOSTS": HOST,
        "WAGTAILADMIN_BASE_URL": f"https://{HOST}",
        "EMAIL_HOST": "smtp.example.org",  # never used: no worker runs
        "ACTION_RATE_LIMIT": str(RATE_LIMIT),
        # The router in front appends the visitor's address (X-Forwarded-For).
        "TRUSTED_PROXY_HOPS": "1",
        "WEB_CONCURRENCY": WORKERS,
        "PORT": str(port),
        "GUNICORN_LOG_LEVEL": "warning",
        "LOG_LEVEL": "WARNING",
    }
    if THREADS:
        environ["GUNICORN_CMD_ARGS"] = f"--threads {THREADS}"
    return environ


def build_site():
    from actions.models import ActionSettings
    from home.models import HomePage
    from tests.factories import ActionIndexPageFactory, PetitionPageFactory

    home = HomePage.objects.get()
    # The bench reads the count the page shows, however small.
    ActionSettings.objects.update_or_create(
        site=home.get_site(), defaults={"social_proof_threshold": 0}
    )
    index = ActionIndexPageFactory(parent=home)
    return {
        name: PetitionPageFactory(parent=index, title=f"Bench: {name}", slug=name, goal=1000)
        for name in ("warm-up", "distinct", "identical", "rate-limit", "honeypot")
    }


def clear_site_keys(redis_url):
    import redis

    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(f"{settings.CACHES['default']['KEY_PREFIX']}:*"))
    if keys:
        client.delete(*keys)


class Server:
    """The Procfile's web process on a free port."""

    def __init__(self, environ):
        self.port = int(environ["PORT"])
        self.log = tempfile.TemporaryFile("w+")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            ["bash", "-c", procfile()["web"]],
            cwd=ROOT,
            env=environ,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _, _, _ = self.request("GET", "/healthz")
                if status == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise SystemExit(f"gunicorn did not start:\n{self.output()}")
            time.sleep(0.2)

    def request(self, method, path, fields=None, address="203.0.113.1"):
        """(status, Location, body, seconds) of one request, as the router
        forwards a browser's: over HTTPS, from `address`."""
        headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": address,
            "Sec-Fetch-Site": "same-origin",
        }
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read().decode()
        finally:
            conn.close()
        elapsed = time.perf_counter() - started
        return response.status, response.getheader("Location"), content, elapsed

    def output(self):
        self.log.seek(0)
        return self.log.read()[-4000:]

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        self.log.close()


def shown(petition):
    """The signed stamp `petition`'s form shown a minute ago carries, as the
    server signs it (see actions.stamps)."""
    from actions.stamps import SALT

    signer = signing.Signer(key=SECRET_KEY, salt=SALT)
    return signer.sign(f"{petition.pk}:{int(time.time() - 60)}")


def signer(petition, n, email, **extra):
    return {
        "fax": "",
        "shown": shown(petition),
        "first_name": f"Signer{n}",
        "last_name": "Bench",
        "email": email,
        "postcode": "10001",
        **extra,
    }


def varied_case(email, n):
    return "".join(c.upper() if (n >> i) & 1 else c.lower() for i, c in enumerate(email))


def fire(server, petition, submissions, *, at_once):
    """POST every (fields, address) from CLIENTS threads; with `at_once`, all
    are released together. Returns the answers in order, or the error."""
    barrier = threading.Barrier(len(submissions)) if at_once else None

    def submit(submission):
        fields, address = submission
        if barrier:
            barrier.wait(timeout=120)
        try:
            return server.request("POST", petition.submit_url, fields, address)
        except OSError as error:
            return (repr(error), None, "", 0.0)

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        return list(pool.map(submit, submissions))


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, round(fraction * len(ordered)) - 1)]


def report(label, answers):
    statuses = Counter(status for status, _, _, _ in answers)
    server_errors = sum(
        n for status, n in statuses.items() if isinstance(status, int) and status >= 500
    )
    times = [seconds * 1000 for status, _, _, seconds in answers if isinstance(status, int)]
    answers_text = ", ".join(f"{status}×{n}" for status, n in sorted(statuses.items(), key=str))
    print(
        f"{label:34} {answers_text:22} {server_errors:>4} "
        f"{statistics.median(times):>8.0f} {percentile(times, 0.95):>8.0f} {max(times):>8.0f}"
    )
    return server_errors


def shown_count(server, petition):
    status, _, html, _ = server.request("GET", petition.url)
    match = re.search(r"<strong>(\d[\d,]*)</strong>\s*signed", html)
    if status != 200 or not match:
        return f"? (HTTP {status})"
    return int(match.group(1).replace(",", ""))


def run(petitions, server):
    from actions.models import Signature

    print(f"{'round':34} {'answers':22} {'5xx':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    errors = 0
    # Each worker's first requests load templates and open its connections.
    warm = petitions.pop("warm-up")
    warm_up = [(signer(warm, n, f"warm{n}@example.org"), f"198.51.99.{n + 1}") for n in range(8)]
    fire(server, warm, warm_up, at_once=True)
    for petition in petitions.values():
        server.request("GET", petition.url)

    petition = petitions["distinct"]
    distinct = [
        (signer(petition, n, f"signer{n}@example.org"), f"198.51.100.{n + 1}") for n in range(50)
    ]
    answers = fire(server, petition, distinct, at_once=True)
    errors += report("50 distinct signers at once", answers)

    petition = petitions["identical"]
    same = [
        (
            signer(petition, n, varied_case("ana.ruiz@example.org", n * 2654435761)),
            f"198.51.101.{n + 1}",
        )
        for n in range(50)
    ]
    answers = fire(server, petition, same, at_once=True)
    errors += report("50 × one email at once", answers)

    petition = petitions["rate-limit"]
    one_address = [
        (signer(petition, n, f"repeat{n}@example.org"), "192.0.2.77") for n in range(200)
    ]
    answers = fire(server, petition, one_address, at_once=False)
    errors += report("200 from one address", answers)

    petition = petitions["honeypot"]
    bots = [
        (signer(petition, n, f"bot{n}@example.org", fax="Buy now"), f"198.51.102.{n + 1}")
        for n in range(20)
    ]
    answers = fire(server, petition, bots, at_once=True)
    errors += report("20 with the honeypot filled", answers)
    thanked = all(
        location == petitions["honeypot"].url + "thanks/#thanks" for _, location, _, _ in answers
    )

    print(f"\n{'petition':12} {'sent':>5} {'expected':>9} {'rows':>5} {'count shown':>12}")
    expected = {"distinct": 50, "identical": 1, "rate-limit": RATE_LIMIT, "honeypot": 0}
    sent = {"distinct": 50, "identical": 50, "rate-limit": 200, "honeypot": 20}
    for name, petition in petitions.items():
        rows = Signature.objects.filter(action=petition).count()
        shown_on_page = shown_count(server, petition)
        print(f"{name:12} {sent[name]:>5} {expected[name]:>9} {rows:>5} {shown_on_page!s:>12}")
    print(f"\nanswers 5xx: {errors}; honeypot submissions shown the thank-you: {thanked}")


def main():
    from django.test.utils import setup_test_environment

    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database (see the docstring).")
    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    server = None
    try:
        petitions = build_site()
        database_url = urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}").geturl()
        environ = production_environ(database_url, free_port())
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=environ,
            check=True,
        )
        clear_site_keys(os.environ["REDIS_URL"])
        server = Server(environ)
        threads = f"{THREADS} threads each" if THREADS else "sync, one request each"
        print(
            f"gunicorn: {WORKERS} workers ({threads}); "
            f"PostgreSQL {connection.pg_version // 10000}; "
            f"cache {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}; "
            f"rate limit {RATE_LIMIT} per address; {os.cpu_count()} CPUs shared with the "
            "clients\n"
        )
        connection.close()
        run(petitions, server)
    finally:
        if server:
            server.stop()
        connection.close()
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
