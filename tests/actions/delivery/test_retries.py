"""A webhook that fails is retried with a growing wait, then given up; the
visitor never waits for it."""

import socket
import time

import pytest
from django_tasks_db.models import DBTaskResult

from django.test import override_settings
from django.utils import timezone

from actions import delivery
from actions.models import Signature
from tests.actions.delivery.helpers import SIGNER, queued, run_worker, webhook
from tests.actions.helpers import post_action


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
