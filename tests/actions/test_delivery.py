"""Follow-ups of a signature through the real "supporters" backend: the tasks
are stored by django_tasks_db and run by its worker, in this process, as the
Procfile's `worker` runs them in production. The organisation's webhook is a
local HTTP server on 127.0.0.1 that records what it receives."""

import datetime
import hashlib
import hmac
import json
import logging
import signal
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from actions import delivery
from actions.models import ConsentStatement, Signature
from tests.actions.helpers import post_action
from tests.factories import SignatureFactory

SECRET = "test-webhook-secret-0123456789-abcdefghij"  # 40 characters
SIGNER = {
    "first_name": "Ana",
    "last_name": "Ruiz",
    "email": "ana@example.org",
    "postcode": "10001",
    "opt_in": "on",
}


class Endpoint:
    """A stand-in for the organisation's CRM: a threaded HTTP server that
    records every request and answers each with the next of `answers` (the
    last one again once they run out). An answer is a status, a (status,
    seconds) pair to answer only after that delay, or "garbage" for a reply
    that is not HTTP."""

    def __init__(self, answers=(200,), *, port=0, location=None):
        self.answers = list(answers)
        self.location = location
        self.requests = []
        self.released = threading.Event()
        self._lock = threading.Lock()
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with endpoint._lock:
                    endpoint.requests.append(
                        {"path": self.path, "headers": dict(self.headers), "body": body}
                    )
                    answer = endpoint.answers[
                        min(len(endpoint.requests), len(endpoint.answers)) - 1
                    ]
                if answer == "garbage":
                    self.wfile.write(b"NOT HTTP AT ALL\r\n\r\n")
                    return
                status, delay = answer if isinstance(answer, tuple) else (answer, 0)
                if delay and endpoint.released.wait(delay):
                    return  # the test is over: drop the connection
                try:
                    self.send_response(status)
                    if endpoint.location and 300 <= status < 400:
                        self.send_header("Location", endpoint.location)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok")
                except OSError:
                    pass  # the client gave up waiting

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/signatures"

    def stop(self):
        self.released.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def endpoints():
    """Make endpoints with `endpoints(answers, ...)`; all stopped afterwards."""
    started = []

    def make(answers=(200,), **kwargs):
        endpoint = Endpoint(answers, **kwargs)
        started.append(endpoint)
        return endpoint

    yield make
    for endpoint in started:
        endpoint.stop()


def webhook(url):
    """The settings of a site that pushes signatures to `url`, retrying at once."""
    return override_settings(
        SUPPORTER_WEBHOOK_URL=url,
        SUPPORTER_WEBHOOK_SECRET=SECRET,
        SUPPORTER_RETRY_BASE_SECONDS=0,
    )


@pytest.fixture(autouse=True)
def worker_in_test_transaction(request, monkeypatch):
    """Let the worker run inside a test's transaction. Between tasks it calls
    close_old_connections(), which drops a connection whose autocommit is off,
    as it is in any test transaction; the real worker runs in autocommit, as
    the transactional test at the end does."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def run_worker(max_tasks=None):
    """Run django_tasks_db's worker for the "supporters" backend until the
    queue holds nothing due (or after `max_tasks` tasks)."""
    db_worker.Worker(
        queue_names=["default"],
        excluded_queue_names=[],
        interval=0,
        batch=True,
        backend_name="supporters",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id="test-worker",
    ).run()


def queued(task):
    return DBTaskResult.objects.ready().filter(task_path=task.module_path)


def expected_signature(body, timestamp, secret=SECRET):
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


@pytest.fixture
def signature(petition):
    """A stored signature whose delivery is queued, as SignatureForm.save leaves it."""
    signature = SignatureFactory(action=petition, delivery_status=Signature.Delivery.PENDING)
    delivery.deliver_signature.enqueue(signature.pk, 1)
    return signature


def test_a_signature_is_delivered_once_signed_with_the_shared_secret(
    client, petition, home, endpoints, django_capture_on_commit_callbacks
):
    endpoint = endpoints()
    with webhook(endpoint.url), django_capture_on_commit_callbacks(execute=True):
        response = post_action(client, petition, {**SIGNER, "source": home.pk})
    assert response.status_code == 302
    signature = Signature.objects.get()
    assert signature.delivery_status == Signature.Delivery.PENDING
    assert endpoint.requests == []  # the visitor's request sent nothing

    with webhook(endpoint.url):
        run_worker()
        run_worker()  # nothing left to do: not delivered twice

    assert len(endpoint.requests) == 1
    request = endpoint.requests[0]
    headers, body = request["headers"], request["body"]
    assert request["path"] == "/hooks/signatures"
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Campaign-Delivery"] == str(signature.pk)
    timestamp = headers["X-Campaign-Timestamp"]
    assert abs(int(timestamp) - time.time()) < 60
    assert hmac.compare_digest(headers["X-Campaign-Signature"], expected_signature(body, timestamp))
    # The signature covers the timestamp: an old body with a new time fails.
    assert headers["X-Campaign-Signature"] != expected_signature(body, int(timestamp) + 1)
    assert headers["X-Campaign-Signature"] != expected_signature(body, timestamp, "x" * 40)

    payload = json.loads(body)
    consent = ConsentStatement.current()
    assert payload == {
        "event": "signature.created",
        "id": signature.pk,
        "signed_at": payload["signed_at"],
        "action": {"id": petition.pk, "title": petition.title, "url": petition.full_url},
        "first_name": "Ana",
        "last_name": "Ruiz",
        "email": "ana@example.org",
        "postcode": "10001",
        "comment": "",
        "opt_in": True,
        "consent": {"version": consent.pk, "text": consent.text},
        "source": {"id": home.pk, "title": home.title},
    }
    assert datetime.datetime.fromisoformat(payload["signed_at"]) == signature.created_at

    signature.refresh_from_db()
    assert signature.delivery_status == Signature.Delivery.DELIVERED
    assert signature.delivery_attempts == 1
    assert signature.delivery_error == ""
    assert abs(signature.delivered_at - timezone.now()) < datetime.timedelta(minutes=1)
    assert not queued(delivery.deliver_signature).exists()


def test_without_a_webhook_nothing_is_queued_for_delivery(
    client, petition, django_capture_on_commit_callbacks
):
    with override_settings(SUPPORTER_WEBHOOK_URL=None):
        with django_capture_on_commit_callbacks(execute=True):
            post_action(client, petition, SIGNER)
        run_worker()
    signature = Signature.objects.get()
    assert signature.delivery_status == Signature.Delivery.NOT_CONFIGURED
    assert not DBTaskResult.objects.filter(task_path=delivery.deliver_signature.module_path)


def test_a_server_error_is_retried_until_the_endpoint_accepts(endpoints, signature):
    endpoint = endpoints([500, 200])
    with webhook(endpoint.url):
        run_worker(max_tasks=1)
        signature.refresh_from_db()
        assert signature.delivery_status == Signature.Delivery.RETRYING
        assert signature.delivery_attempts == 1
        assert signature.delivery_error.startswith("Attempt 1: ")
        assert "500" in signature.delivery_error
        assert signature.delivered_at is None
        # Due at once with SUPPORTER_RETRY_BASE_SECONDS = 0.
        assert queued(delivery.deliver_signature).count() == 1

        run_worker(max_tasks=1)

    signature.refresh_from_db()
    assert signature.delivery_status == Signature.Delivery.DELIVERED
    assert signature.delivery_attempts == 2
    assert signature.delivery_error == ""
    assert signature.delivered_at is not None
    assert len(endpoint.requests) == 2
    # The same delivery id both times, so the receiver can drop a repeat.
    assert {r["headers"]["X-Campaign-Delivery"] for r in endpoint.requests} == {str(signature.pk)}
    assert not queued(delivery.deliver_signature).exists()


def test_a_refused_connection_is_retried_until_the_endpoint_answers(endpoints, signature):
    # Bound but not listening: connecting is refused until the endpoint starts.
    placeholder = socket.socket()
    placeholder.bind(("127.0.0.1", 0))
    port = placeholder.getsockname()[1]
    url = f"http://127.0.0.1:{port}/hooks/signatures"
    with webhook(url):
        try:
            run_worker(max_tasks=1)
        finally:
            placeholder.close()
        signature.refresh_from_db()
        assert signature.delivery_status == Signature.Delivery.RETRYING
        assert signature.delivery_attempts == 1
        assert signature.delivery_error.startswith("Attempt 1: ")
        assert "refused" in signature.delivery_error.lower()

        endpoint = endpoints([200], port=port)
        run_worker(max_tasks=1)

    signature.refresh_from_db()
    assert signature.delivery_status == Signature.Delivery.DELIVERED
    assert signature.delivery_attempts == 2
    assert signature.delivery_error == ""
    assert len(endpoint.requests) == 1


def test_an_endpoint_that_always_fails_is_given_up_after_max_attempts(endpoints, signature):
    endpoint = endpoints([503])
    with webhook(endpoint.url):
        run_worker()  # every retry is due at once, so one batch runs them all

    assert len(endpoint.requests) == delivery.MAX_ATTEMPTS
    signature.refresh_from_db()
    assert signature.delivery_status == Signature.Delivery.FAILED
    assert signature.delivery_attempts == delivery.MAX_ATTEMPTS
    assert signature.delivery_error.startswith(f"Attempt {delivery.MAX_ATTEMPTS}: ")
    assert "503" in signature.delivery_error
    assert signature.delivered_at is None
    assert not queued(delivery.deliver_signature).exists()
    # Each attempt ended normally: failures are recorded, not raised.
    results = DBTaskResult.objects.filter(task_path=delivery.deliver_signature.module_path)
    assert results.count() == delivery.MAX_ATTEMPTS
    assert set(results.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_an_answer_that_is_not_http_is_retried(endpoints, signature):
    endpoint = endpoints(["garbage", 200])
    with webhook(endpoint.url):
        run_worker(max_tasks=1)
        signature.refresh_from_db()
        assert signature.delivery_status == Signature.Delivery.RETRYING
        assert "invalid HTTP answer" in signature.delivery_error
        run_worker()
    signature.refresh_from_db()
    assert signature.delivery_status == Signature.Delivery.DELIVERED
    assert len(endpoint.requests) == 2


def test_the_backoff_grows_fourfold_up_to_two_hours():
    with override_settings(SUPPORTER_RETRY_BASE_SECONDS=30):
        waits = [delivery.backoff(attempt) for attempt in range(1, delivery.MAX_ATTEMPTS)]
    assert waits == [30, 120, 480, 1920, 7200, 7200]


def test_a_retry_waits_for_its_backoff(endpoints, signature):
    endpoint = endpoints([500, 200])
    with webhook(endpoint.url), override_settings(SUPPORTER_RETRY_BASE_SECONDS=30):
        run_worker()
    signature.refresh_from_db()
    assert signature.delivery_status == Signature.Delivery.RETRYING
    assert len(endpoint.requests) == 1  # the retry is not due yet
    retry = DBTaskResult.objects.get(
        task_path=delivery.deliver_signature.module_path, status="READY"
    )
    assert retry.args_kwargs["args"] == [signature.pk, 2]
    wait = (retry.run_after - timezone.now()).total_seconds()
    assert 20 < wait <= 30


@pytest.mark.parametrize("failure", ["slow", "server error", "refused"])
def test_the_visitor_is_answered_without_waiting_for_the_endpoint(
    client, petition, endpoints, monkeypatch, django_capture_on_commit_callbacks, failure
):
    monkeypatch.setattr(delivery, "TIMEOUT_SECONDS", 1)
    if failure == "refused":
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            url = f"http://127.0.0.1:{probe.getsockname()[1]}/"
        endpoint = None
    else:
        # Slow: answers after 30 s, far past the worker's timeout.
        endpoint = endpoints([(200, 30)] if failure == "slow" else [500])
        url = endpoint.url

    with webhook(url):
        started = time.perf_counter()
        with django_capture_on_commit_callbacks(execute=True):
            response = post_action(client, petition, SIGNER)
        elapsed = time.perf_counter() - started
    assert response.status_code == 302
    assert response["Location"] == petition.url + "thanks/#thanks"
    assert elapsed < 5  # far less than the endpoint takes (30 s)
    assert Signature.objects.get().delivery_status == Signature.Delivery.PENDING
    assert queued(delivery.deliver_signature).count() == 1
    if endpoint:
        assert endpoint.requests == []  # nothing is sent until the worker runs

    with webhook(url):
        run_worker(max_tasks=2)  # the confirmation, then the first delivery attempt
    signature = Signature.objects.get()
    assert signature.delivery_status == Signature.Delivery.RETRYING
    assert signature.delivery_attempts == 1
    if failure == "slow":
        assert "timed out" in signature.delivery_error
    if endpoint:
        assert len(endpoint.requests) == 1


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_is_not_followed(endpoints, signature, status):
    elsewhere = endpoints([200])
    endpoint = endpoints([status], location=elsewhere.url)
    with webhook(endpoint.url):
        run_worker(max_tasks=1)
    assert len(endpoint.requests) == 1
    assert elsewhere.requests == []
    signature.refresh_from_db()
    assert signature.delivery_status == Signature.Delivery.RETRYING
    assert str(status) in signature.delivery_error


def test_an_anonymised_signature_is_not_delivered(endpoints, signature):
    Signature.objects.filter(pk=signature.pk).update(email=None, anonymised_at=timezone.now())
    endpoint = endpoints([200])
    with webhook(endpoint.url):
        run_worker()
    assert endpoint.requests == []
    signature.refresh_from_db()
    assert signature.delivery_status != Signature.Delivery.DELIVERED


def test_a_signature_anonymised_between_attempts_is_not_sent_again(endpoints, signature):
    endpoint = endpoints([500, 200])
    with webhook(endpoint.url):
        run_worker(max_tasks=1)
        Signature.objects.filter(pk=signature.pk).update(email=None, anonymised_at=timezone.now())
        run_worker()
    assert len(endpoint.requests) == 1
    assert Signature.objects.get().delivery_status != Signature.Delivery.DELIVERED


def test_a_signature_whose_petition_was_deleted_is_still_delivered_with_its_title(
    endpoints, signature, petition
):
    endpoint = endpoints([200])
    title = petition.title
    petition.delete()
    with webhook(endpoint.url):
        run_worker()
    (request,) = endpoint.requests
    assert json.loads(request["body"])["action"] == {"id": None, "title": title, "url": None}
    assert Signature.objects.get().delivery_status == Signature.Delivery.DELIVERED


def test_no_thanks_are_sent_for_a_petition_deleted_before_the_worker_ran(
    client, petition, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_action(client, petition, SIGNER)
    petition.delete()
    run_worker()
    assert mail.outbox == []
    assert Signature.objects.get().action_title == petition.title


def test_tests_send_email_to_the_local_outbox():
    # pytest-django sets up Django's test environment, which points every
    # MAILERS alias at the locmem backend: nothing leaves the machine.
    backends = {mailer["BACKEND"] for mailer in settings.MAILERS.values()}
    assert backends == {"django.core.mail.backends.locmem.EmailBackend"}


def test_the_signer_is_thanked_by_email_once(client, petition, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_action(client, petition, SIGNER)
    assert mail.outbox == []  # sent by the worker, not during the visitor's request

    run_worker()
    run_worker()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@example.org"]
    assert petition.title in message.subject
    assert "Dear Ana" in message.body
    assert petition.full_url in message.body
    assert ConsentStatement.current().text in message.body
    assert message.from_email == settings.DEFAULT_FROM_EMAIL


def test_a_repeat_signature_gets_no_second_email_or_delivery(
    client, petition, endpoints, django_capture_on_commit_callbacks
):
    endpoint = endpoints([200])
    with webhook(endpoint.url):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            first = post_action(client, petition, SIGNER)
            again = post_action(client, petition, {**SIGNER, "email": "ANA@Example.ORG"})
        assert len(callbacks) == 1
        run_worker()

    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert Signature.objects.count() == 1
    assert [message.to for message in mail.outbox] == [["ana@example.org"]]
    assert len(endpoint.requests) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_command_runs_what_the_form_queued(client, petition, endpoints):
    """Committed for real, and run by the management command the Procfile uses
    (in batch mode), with no test transaction around it."""
    endpoint = endpoints([500, 200])
    # The command installs its own signal handlers and log levels: put them back.
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    loggers = [logging.getLogger(name) for name in ("django.tasks", "django_tasks_db")]
    levels = [logger.level for logger in loggers]
    with webhook(endpoint.url):
        response = post_action(client, petition, SIGNER)
        assert response.status_code == 302
        assert len(DBTaskResult.objects.ready()) == 2  # confirmation and delivery
        try:
            call_command(
                "db_worker",
                "--backend=supporters",
                "--batch",
                "--interval=0",
                "--no-startup-delay",
                verbosity=0,
            )
        finally:
            for sig, handler in handlers.items():
                signal.signal(sig, handler)
            for logger, level in zip(loggers, levels, strict=True):
                logger.setLevel(level)

    signature = Signature.objects.get()
    assert signature.delivery_status == Signature.Delivery.DELIVERED
    assert signature.delivery_attempts == 2
    assert len(endpoint.requests) == 2
    assert [message.to for message in mail.outbox] == [["ana@example.org"]]
    assert not DBTaskResult.objects.ready().exists()
    assert not DBTaskResult.objects.failed().exists()
