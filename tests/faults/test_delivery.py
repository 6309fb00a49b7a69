"""What follows a signature survives failures: the CRM's webhook down, the
mail server down, and the Procfile's worker killed (SIGKILL) after the CRM
has taken a delivery but before the worker knows. In the end the CRM holds
each signature exactly once (repeats dropped by their Idempotency-Key, with
the check docs/deploy.md shows) and each supporter got their email."""

import os
import signal
import subprocess
import tempfile
import time

import pytest

from bench.demo_site import ROOT, free_port, procfile
from tests.deploy.servers import WebProcess

from .conftest import Visitor, acknowledged
from .services import SMTPSink, WebhookReceiver

pytestmark = pytest.mark.deploy

SECRET = "fault-test-webhook-secret-0123456789abcdef"
SIGNATURES = 5


class Worker:
    """The Procfile's worker command, in a session of its own."""

    def __init__(self, environ):
        self.log = tempfile.TemporaryFile("w+")  # noqa: SIM115 (read by output())
        self.process = subprocess.Popen(
            ["bash", "-c", procfile()["worker"]],
            cwd=ROOT,
            env=environ,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def output(self):
        """What it printed: read once it has stopped."""
        self.log.seek(0)
        return self.log.read()[-3000:]

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


def wait_until(condition, what, workers, seconds=60):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            workers[-1].stop()
            pytest.fail(f"{what}: not within {seconds} s. The worker said:\n{workers[-1].output()}")
        time.sleep(0.2)


def delivery_states(postgres, site, emails):
    return dict(
        postgres.query(
            site["database"],
            "SELECT email, delivery_status FROM actions_signature WHERE email = ANY(%s)",
            list(emails),
        )
    )


def test_each_signature_reaches_the_crm_exactly_once_and_its_email_at_least_once(site, postgres):
    # The confirmations queued for earlier tests' signers are not this test's.
    postgres.query(site["database"], "DELETE FROM django_tasks_database_dbtaskresult RETURNING id")
    receiver = WebhookReceiver(SECRET)
    smtp_port = free_port()
    environ = {
        **site["environ"],
        "SUPPORTER_WEBHOOK_URL": receiver.url,
        "SUPPORTER_WEBHOOK_SECRET": SECRET,
        "SUPPORTER_RETRY_BASE_SECONDS": "1",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "false",
    }
    web = WebProcess(environ)
    workers, sink = [], None
    try:
        # The CRM answers 503 and nothing listens on the mail port.
        receiver.failing = True
        stamp = Visitor(web.port).stamp(site["petition"])
        emails = [f"delivery-{n}@example.org" for n in range(SIGNATURES)]
        for n, email in enumerate(emails):
            response, _ = Visitor(web.port, f"192.0.2.{50 + n}").sign(site["submit"], stamp, email)
            assert acknowledged(response)
        workers.append(Worker(environ))
        wait_until(
            lambda: len(receiver.requests) >= SIGNATURES, "every first delivery failed", workers
        )
        assert receiver.recorded == {}

        # Both come back; the CRM holds its reply to the next delivery it
        # records, and the worker is killed while it waits for that reply.
        receiver.hold = True
        receiver.failing = False
        sink = SMTPSink(smtp_port)
        assert receiver.held.wait(60), "a delivery reached the CRM"
        workers[-1].kill()
        receiver.released.set()
        interrupted = next(iter(receiver.recorded))
        workers.append(Worker(environ))

        wait_until(
            lambda: set(delivery_states(postgres, site, emails).values()) == {"delivered"},
            "every signature is marked delivered",
            workers,
        )
        wait_until(
            lambda: {to for message in sink.messages for to in message["to"]} >= set(emails),
            "every supporter got an email",
            workers,
        )
    finally:
        for worker in workers:
            worker.stop()
        web.stop()
        receiver.close()
        if sink:
            sink.close()

    received = {key: receiver.requests.count(key) for key in set(receiver.requests)}
    sent = {email: sum(email in m["to"] for m in sink.messages) for email in emails}
    print(
        f"\ndeliveries: {len(emails)} signatures acknowledged, {len(receiver.requests)} webhook "
        f"requests received, {len(receiver.recorded)} recorded by the CRM; the delivery "
        f"interrupted by SIGKILL arrived {received[interrupted]} times; emails per supporter "
        f"{sorted(sent.values())}"
    )
    assert sorted(p["email"] for p in receiver.recorded.values()) == sorted(emails)
    assert received[interrupted] >= 2, "the killed worker's delivery was sent again"
    assert all(count >= 1 for count in sent.values())
    stored = postgres.query(
        site["database"],
        "SELECT count(*) FROM actions_signature WHERE email LIKE 'delivery-%%'",
    )
    assert stored == [(SIGNATURES,)]


def test_the_receiver_check_refuses_a_forged_delivery():
    """The guide's check is the one the test's CRM runs: it must refuse a
    body that was not signed with the secret."""
    from .services import receiver_check

    accept = receiver_check()
    body = b'{"idempotency_key": "signature-1-x"}'
    headers = {"X-Campaign-Timestamp": str(int(time.time())), "X-Campaign-Signature": "sha256=0"}
    with pytest.raises(ValueError, match="shared secret"):
        accept(headers, body, SECRET, {})
