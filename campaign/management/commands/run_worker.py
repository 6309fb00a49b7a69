import logging
import threading
import time

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.tasks import TaskResultStatus

from actions.delivery import deliver_signature
from actions.models import Signature
from core.models import ImportJob
from impact.flush import prune, write_counts
from impact.weekly import send_weekly_summary

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "The Procfile's worker process: runs supporters' background tasks (confirmation "
        "emails, webhook deliveries) and spreadsheet imports, publishes or unpublishes "
        "scheduled pages and writes the pages' view counts every minute, and sends the weekly "
        "impact summary when it is on."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--publish-every",
            type=int,
            default=60,
            metavar="SECONDS",
            help=(
                "How often to publish scheduled pages and write view counts "
                "(default: every minute)."
            ),
        )
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Publish what is due and run the queued tasks once, then exit.",
        )

    def handle(self, *args, publish_every, batch, **options):
        if batch:
            self.publish_due()
            self.count_views()
            call_command("db_worker", "--backend", "supporters", "--batch", "--no-startup-delay")
            call_command("db_worker", "--backend", "imports", "--batch", "--no-startup-delay")
            return
        self.recover()
        stopped = threading.Event()
        publisher = threading.Thread(
            target=self.publish_until, args=(stopped, publish_every), daemon=True
        )
        publisher.start()
        # Imports in a thread of their own, so that a long one never delays a
        # supporter's email. It dies with the process: an import cut short
        # is failed by recover() at the next start.
        threading.Thread(target=self.run_imports, daemon=True).start()
        try:
            # In the main thread, where it stops cleanly on SIGTERM from the PaaS.
            call_command("db_worker", "--backend", "supporters")
        finally:
            stopped.set()
            publisher.join(timeout=30)

    def recover(self):
        """Take up what the last worker left unfinished. Only one worker runs
        (see docs/deploy.md), so a task still marked running at its start was
        interrupted by a crash, a SIGKILL or a lost machine: it runs again.
        And a signature still waiting for its webhook delivery with no task to
        do it (the database went away between storing it and queueing the
        delivery) gets one. Delivering twice is harmless: the task skips a
        delivered signature, and the receiver drops a repeated Idempotency-Key."""
        interrupted = DBTaskResult.objects.filter(
            backend_name__in=["supporters", "imports"], status=TaskResultStatus.RUNNING
        ).update(status=TaskResultStatus.READY, started_at=None)
        # An import is not run again: it may have taken a while, and its
        # staff have moved on. Its page says it stopped, and why.
        failed_imports = ImportJob.objects.filter(
            status=ImportJob.Status.RUNNING
        ).fail_interrupted()
        waiting = DBTaskResult.objects.filter(
            backend_name="supporters",
            status=TaskResultStatus.READY,
            task_path=deliver_signature.module_path,
        )
        queued = {task.args_kwargs["args"][0] for task in waiting}
        stranded = list(
            Signature.objects.filter(delivery_status=Signature.Delivery.PENDING)
            .exclude(pk__in=queued)
            .values_list("pk", flat=True)
        )
        for signature_id in stranded:
            deliver_signature.enqueue(signature_id, 1)
        if interrupted or stranded:
            logger.warning(
                "Took up %d interrupted task(s) and %d signature(s) waiting for delivery; "
                "%d interrupted import(s) marked failed.",
                interrupted,
                len(stranded),
                failed_imports,
            )

    def run_imports(self):
        # The main thread's worker stops the process when the database goes
        # away; this one waits and starts again instead of dying alone.
        while True:
            try:
                Worker(
                    queue_names=["default"],
                    excluded_queue_names=[],
                    interval=1,
                    batch=False,
                    backend_name="imports",
                    startup_delay=False,
                    max_tasks=None,
                    worker_id=f"imports-{threading.get_native_id()}",
                ).run()
            except Exception:
                logger.exception("The import worker stopped; starting it again in 5 s.")
            finally:
                close_old_connections()
            time.sleep(5)

    def publish_until(self, stopped, interval):
        while not stopped.is_set():
            self.publish_due()
            self.count_views()
            self.sum_up_week()
            stopped.wait(interval)

    def publish_due(self):
        # One failure (the database restarting, say) must not stop the next minute's run.
        try:
            call_command("publish_scheduled")
        except Exception:
            logger.exception("Publishing scheduled pages failed; trying again next time.")
        finally:
            close_old_connections()

    def count_views(self):
        """Write the views counted in Redis to the daily figures (impact), and
        forget those past their retention. Safe beside another worker."""
        try:
            write_counts()
            prune()
        except Exception:
            logger.exception("Writing view counts failed; trying again next time.")
        finally:
            close_old_connections()

    def sum_up_week(self):
        """On Mondays, email the Moderators last week's figures, once (impact.weekly;
        off unless IMPACT_WEEKLY_SUMMARY)."""
        try:
            send_weekly_summary()
        except Exception:
            logger.exception("The weekly summary failed; trying again next time.")
        finally:
            close_old_connections()
