"""Signing under load: 50 visitors at the same instant, through a real
multi-threaded server (Django's ThreadedWSGIServer, behind pytest-django's
`live_server`), each request on its own database connection.

PostgreSQL only: SQLite serialises writers, so it cannot show a race. CI
runs the suite on PostgreSQL as well, where these run."""

import http.client
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode, urlsplit

import pytest
from pytest_django.live_server_helper import LiveServer

from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection
from django.test import override_settings

from actions.models import Signature
from tests.actions.helpers import shown

VISITORS = 50

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent signing needs PostgreSQL: SQLite serialises writers, so no race "
        "can happen (run with DATABASE_URL=postgres://...)",
    ),
    # live_server's tests are transactional: the database is flushed after
    # each, and serialized rollback restores the pages and site migrations made.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # Every request comes from 127.0.0.1: lift the per-address limit; and show
    # the count however small, since the tests read it.
    pytest.mark.usefixtures("no_rate_limit", "counts_shown"),
]


@pytest.fixture
def no_rate_limit():
    with override_settings(ACTION_RATE_LIMIT=10_000):
        yield


class BackloggedServer(ThreadedWSGIServer):
    # Django's test server listens with a backlog of 10. Fifty connections at
    # once overflow it, and with SYN cookies (Linux's default) the kernel then
    # resets about half of them before any Python code sees them: that would
    # measure the test server, not the site. gunicorn listens with 2048.
    request_queue_size = 2048


@pytest.fixture
def live_server():
    """pytest-django's live server (Django's LiveServerThread: a thread per
    request, each with its own database connection) listening with the
    backlog of a production server."""
    server = LiveServer("localhost:0", start=False)
    server.thread.server_class = BackloggedServer
    server.start()
    try:
        yield server
    finally:
        server.stop()


def request(server_url, method, path, fields=None, *, action=None):
    """(status, Location, body) of one request, sent as a browser would send
    `action`'s form."""
    parts = urlsplit(server_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        headers = {"Sec-Fetch-Site": "same-origin"}
        body = None
        if fields is not None:
            body = urlencode({"fax": "", "shown": shown(action), **fields})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.getheader("Location"), response.read().decode()
    finally:
        conn.close()


def sign_at_once(server_url, petition, people):
    """POST one signature per entry of `people`, all released at the same instant."""
    start = threading.Barrier(len(people))

    def sign(person):
        start.wait(timeout=60)
        return request(server_url, "POST", petition.submit_url, person, action=petition)

    with ThreadPoolExecutor(max_workers=len(people)) as pool:
        return list(pool.map(sign, people))


def person(n, email):
    return {
        "first_name": f"Signer{n}",
        "last_name": "Ruiz",
        "email": email,
        "postcode": "10001",
    }


def varied_case(email, n):
    """`email` with its letters' case set by the bits of `n`."""
    return "".join(char.upper() if (n >> i) & 1 else char.lower() for i, char in enumerate(email))


def shown_count(html):
    match = re.search(r"<strong>(\d[\d,]*)</strong>\s*signed", html)
    assert match, "the page shows no signature count"
    return int(match.group(1).replace(",", ""))


def test_simultaneous_signatures_are_all_stored_and_counted(live_server, petition):
    people = [person(n, f"signer{n}@example.org") for n in range(VISITORS)]

    answers = sign_at_once(live_server.url, petition, people)

    statuses = [status for status, _, _ in answers]
    assert [s for s in statuses if s >= 500] == []
    assert statuses == [302] * VISITORS
    assert {location for _, location, _ in answers} == {petition.url + "thanks/#thanks"}
    assert Signature.objects.filter(action=petition).count() == VISITORS
    assert petition.signature_count() == VISITORS
    status, _, html = request(live_server.url, "GET", petition.url)
    assert status == 200
    assert shown_count(html) == VISITORS


def test_simultaneous_repeats_of_one_email_store_one_signature(live_server, petition):
    emails = [varied_case("ana.ruiz@example.org", n * 2654435761) for n in range(VISITORS)]
    assert len(set(emails)) > VISITORS // 2  # many spellings of one address
    people = [person(n, email) for n, email in enumerate(emails)]

    answers = sign_at_once(live_server.url, petition, people)

    statuses = [status for status, _, _ in answers]
    assert [s for s in statuses if s >= 500] == []
    # Everyone is thanked alike, whether their request won the race or not.
    assert statuses == [302] * VISITORS
    assert {location for _, location, _ in answers} == {petition.url + "thanks/#thanks"}
    assert Signature.objects.filter(action=petition).count() == 1
    assert Signature.objects.get().email.lower() == "ana.ruiz@example.org"
    assert petition.signature_count() == 1
    status, _, html = request(live_server.url, "GET", petition.url)
    assert status == 200
    assert shown_count(html) == 1
