"""A signature is pushed to the organisation's webhook once, signed with the
shared secret; never a redirect followed, nor an anonymised supporter sent."""

import datetime
import hmac
import json
import time

import pytest
from django_tasks_db.models import DBTaskResult

from django.test import override_settings
from django.utils import timezone

from actions import delivery
from actions.models import ConsentStatement, Signature
from tests.actions.delivery.helpers import SIGNER, expected_signature, queued, run_worker, webhook
from tests.actions.helpers import post_action


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
        "idempotency_key": headers["Idempotency-Key"],
        "signed_at": payload["signed_at"],
        "action": {"id": petition.pk, "title": petition.title, "url": petition.full_url},
        "first_name": "Ana",
        "last_name": "Ruiz",
        "email": "ana@example.org",
        "postcode": "10001",
        "comment": "",
        "opt_in": True,
        "language": "en",
        "consent": {"version": consent.pk, "language": "en", "text": consent.text},
        "source": {"id": home.pk, "title": home.title},
    }
    assert datetime.datetime.fromisoformat(payload["signed_at"]) == signature.created_at
    # The same key on every attempt, and for no other signature.
    assert headers["Idempotency-Key"] == delivery.idempotency_key(signature)
    assert headers["Idempotency-Key"].startswith(f"signature-{signature.pk}-")

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
