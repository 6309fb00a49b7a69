"""The fault tests' stack, built once for the session: a PostgreSQL cluster
and a Redis server of their own (the tests stop and restart them), the demo
site as the Procfile released it (restored from the build tests/deploy/stack.py
makes), and a client that reads and signs as a visitor's browser does through
the router."""

import http.client
import json
import os
import re
import secrets
import threading
import time
from urllib.parse import urlencode

import pytest

from tests.deploy.servers import HOST, WebProcess, database_url, manage, production_environ

from .services import PostgresCluster, RedisServer

# Run in the released site with `manage.py shell`: the default site answers
# at the public address, an admin exists, and the addresses the tests visit
# are printed.
BUILD = """
import json
import os
from django.contrib.auth import get_user_model
from wagtail.models import Site
from actions.models import PetitionPage
from home.models import HomePage
from stories.models import ExonereeStoryPage, StoryIndexPage

Site.objects.filter(is_default_site=True).update(hostname=%(host)r, port=443)
get_user_model().objects.create_superuser("admin", "admin@example.org", %(password)r)
english = {"locale__language_code": "en"}  # the demo has a Spanish translation of each
petition = PetitionPage.objects.live().filter(**english).order_by("path").first()
stories = ExonereeStoryPage.objects.live().filter(**english).order_by("path")
story = stories.filter(portrait__isnull=False).first()
print(json.dumps({
    "home": HomePage.objects.live().get(**english).url,
    "index": StoryIndexPage.objects.live().filter(**english).first().url,
    "story": story.url,
    "portrait": story.portrait_id,
    "petition": petition.url,
    "petition_id": petition.pk,
    "submit": petition.submit_url,
}))
"""
DATABASE = "h_faults_site"
RATE_LIMIT = 3


@pytest.fixture(scope="session")
def postgres():
    cluster = PostgresCluster()
    yield cluster
    cluster.destroy()


@pytest.fixture(scope="session")
def redis_server():
    server = RedisServer()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def site(demo_database, postgres, redis_server, tmp_path_factory):
    """The demo site released on the session's cluster, restored from the
    deploy tests' build of it, its media in the media folder (the S3 test
    copies them to its bucket). Yields the environment of the web process and
    the addresses the tests visit."""
    folder = tmp_path_factory.mktemp("faults-site")
    environ = production_environ(
        postgres.restore(DATABASE, database_url(demo_database), folder),
        REDIS_URL=redis_server.url,
        # The clients sign as the router forwards them, each signature from
        # its own address unless a test means to reach the rate limit; a
        # person takes no time to fill a form in here.
        TRUSTED_PROXY_HOPS="1",
        ACTION_MIN_FILL_SECONDS="0",
        ACTION_RATE_LIMIT=str(RATE_LIMIT),
        # Pages outlive their freshness within an outage test: their stale
        # copies must be served then (the home and the petition keep 45 s).
        PAGE_CACHE_SECONDS="5",
        # Logs written as they happen (as a PaaS sets it), so a test can read them.
        PYTHONUNBUFFERED="1",
        GUNICORN_LOG_LEVEL="warning",
        LOG_LEVEL="WARNING",
    )
    del environ["AWS_STORAGE_BUCKET_NAME"]
    password = secrets.token_urlsafe(16)
    output = manage(
        environ, "shell", "--no-imports", "-c", BUILD % {"host": HOST, "password": password}
    )
    urls = json.loads(output.strip().splitlines()[-1])
    return {"environ": environ, "database": DATABASE, "password": password, **urls}


# A session for the site's admin, made as django.test.Client.force_login makes
# one and marked as past the second factor as a right code marks it (see
# tests.admin.sign_in), for the one fault test that uploads through the admin.
SIGNED_IN = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
user = get_user_model().objects.get(username="admin")
device, __ = TOTPDevice.objects.get_or_create(user=user, name="default")
session = SessionStore()
session.update({SESSION_KEY: str(user.pk), HASH_SESSION_KEY: user.get_session_auth_hash(),
                BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                DEVICE_ID_SESSION_KEY: device.persistent_id})
session.create()
print(session.session_key)
"""


def admin_cookies(site):
    """The cookies of the site's admin, signed in with both factors: the one
    place the fault tests sign in."""
    output = manage(site["environ"], "shell", "--no-imports", "-c", SIGNED_IN)
    return {"sessionid": output.strip().splitlines()[-1]}


@pytest.fixture(scope="session")
def web(site):
    """The Procfile's web process (two workers), for the tests that need no
    settings of their own."""
    process = WebProcess(site["environ"])
    yield process
    process.stop()


def log_of(server):
    """What a running server has printed so far (read without moving the
    offset its processes write at)."""
    return os.pread(server.log.fileno(), 50_000_000, 0).decode(errors="replace")


class Visitor:
    """A browser behind the router: HTTPS said by X-Forwarded-Proto, its own
    address in X-Forwarded-For, no cookies (an anonymous reader or signer)."""

    def __init__(self, port, address="203.0.113.1"):
        self.port = port
        self.address = address

    def request(self, method, path, body=None, **headers):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(
                method,
                path,
                body=body,
                headers={
                    "Host": HOST,
                    "X-Forwarded-Proto": "https",
                    "X-Forwarded-For": self.address,
                    "Sec-Fetch-Site": "same-origin",
                    **headers,
                },
            )
            response = connection.getresponse()
            return response, response.read()
        finally:
            connection.close()

    def get(self, path, **headers):
        return self.request("GET", path, **headers)

    def stamp(self, petition):
        """The stamp the petition's form carries when shown to this visitor."""
        response, body = self.get(petition)
        assert response.status == 200, (petition, response.status)
        return re.search(rb'name="shown" value="([^"]+)"', body).group(1).decode()

    def sign(self, submit, stamp, email):
        fields = {
            "fax": "",
            "shown": stamp,
            "first_name": "Fault",
            "last_name": "Tester",
            "email": email,
            "postcode": "10001",
        }
        return self.request(
            "POST",
            submit,
            body=urlencode(fields),
            **{"Content-Type": "application/x-www-form-urlencoded"},
        )


def acknowledged(response):
    """Whether a sign-up was acknowledged: the redirect to the thank-you."""
    return response.status in (302, 303) and "thanks" in (response.getheader("Location") or "")


class Signers:
    """`count` visitors signing the petition continuously, each signature from
    an address of its own, until stopped. Records every answer: the emails acknowledged, the
    statuses seen and any 503 without Retry-After."""

    def __init__(self, port, site, count=20):
        self.site = site
        self.port = port
        self.stamps = [Visitor(port).stamp(site["petition"]) for n in range(count)]
        self.stopped = threading.Event()
        self.lock = threading.Lock()
        self.acknowledged = set()
        self.statuses = {}
        self.unexplained = []  # answers outside 2xx, 3xx and 503 + Retry-After
        self.answers = []  # (time, status) in order
        self.run = secrets.token_hex(4)
        self.threads = [
            threading.Thread(target=self._sign, args=(n,), daemon=True) for n in range(count)
        ]

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def _sign(self, n):
        attempt = 0
        while not self.stopped.is_set():
            attempt += 1
            email = f"fault-{self.run}-{n}-{attempt}@example.org"
            visitor = Visitor(self.port, f"198.51.{n}.{attempt % 250 + 1}")
            try:
                response, _ = visitor.sign(self.site["submit"], self.stamps[n], email)
                status = response.status
            except OSError as error:
                response, status = None, type(error).__name__
            with self.lock:
                self.statuses[status] = self.statuses.get(status, 0) + 1
                self.answers.append((time.monotonic(), status))
                if response is not None and acknowledged(response):
                    self.acknowledged.add(email)
                elif not (
                    isinstance(status, int)
                    and (
                        200 <= status < 400 or (status == 503 and response.getheader("Retry-After"))
                    )
                ):
                    self.unexplained.append(status)
            time.sleep(0.02)
