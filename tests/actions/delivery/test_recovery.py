"""A worker that starts takes up what the last one left: a task it was
running when it was killed, and a signature whose delivery was never queued.
(tests/faults kills a real worker mid-delivery; this is the bookkeeping.)"""

from django_tasks_db.models import DBTaskResult

from django.tasks import TaskResultStatus

from actions import delivery
from actions.models import Signature
from campaign.management.commands.run_worker import Command
from tests.actions.delivery.helpers import queued
from tests.factories import SignatureFactory


def test_a_task_left_running_runs_again(signature):
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING)

    Command().recover()

    assert queued(delivery.deliver_signature).count() == 1
    assert queued(delivery.send_confirmation).count() == 0  # none was queued


def test_a_pending_signature_without_a_task_gets_one_and_no_other_does(petition, signature):
    stranded = SignatureFactory(action=petition, delivery_status=Signature.Delivery.PENDING)
    SignatureFactory(action=petition, delivery_status=Signature.Delivery.DELIVERED)

    Command().recover()

    arguments = sorted(task.args_kwargs["args"] for task in queued(delivery.deliver_signature))
    assert arguments == sorted([[signature.pk, 1], [stranded.pk, 1]])
