"""The webhook endpoints, a queued signature, and a worker that may run
inside a test's transaction."""

import pytest
from django_tasks_db.management.commands import db_worker

from actions import delivery
from actions.models import Signature
from tests.actions.delivery.helpers import Endpoint
from tests.factories import SignatureFactory


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


@pytest.fixture(autouse=True)
def worker_in_test_transaction(request, monkeypatch):
    """Let the worker run inside a test's transaction. Between tasks it calls
    close_old_connections(), which drops a connection whose autocommit is off,
    as it is in any test transaction; the real worker runs in autocommit, as
    the transactional test at the end does."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


@pytest.fixture
def signature(petition):
    """A stored signature whose delivery is queued, as SignatureForm.save leaves it."""
    signature = SignatureFactory(action=petition, delivery_status=Signature.Delivery.PENDING)
    delivery.deliver_signature.enqueue(signature.pk, 1)
    return signature
