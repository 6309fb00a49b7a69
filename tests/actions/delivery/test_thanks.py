"""The signer is thanked by email once, by the worker, and the worker command
the Procfile runs sends what the form queued."""

import logging
import signal

import pytest
from django_tasks_db.models import DBTaskResult

from django.conf import settings
from django.core import mail
from django.core.management import call_command

from actions.models import ConsentStatement, Signature
from tests.actions.delivery.helpers import SIGNER, run_worker, webhook
from tests.actions.helpers import post_action


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
