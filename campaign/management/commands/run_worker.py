import logging
import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "The Procfile's worker process: runs supporters' background tasks (confirmation "
        "emails, webhook deliveries) and publishes or unpublishes scheduled pages every minute."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--publish-every",
            type=int,
            default=60,
            metavar="SECONDS",
            help="How often to publish scheduled pages (default: every minute).",
        )
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Publish what is due and run the queued tasks once, then exit.",
        )

    def handle(self, *args, publish_every, batch, **options):
        if batch:
            self.publish_due()
            call_command("db_worker", "--backend", "supporters", "--batch", "--no-startup-delay")
            return
        stopped = threading.Event()
        publisher = threading.Thread(
            target=self.publish_until, args=(stopped, publish_every), daemon=True
        )
        publisher.start()
        try:
            # In the main thread, where it stops cleanly on SIGTERM from the PaaS.
            call_command("db_worker", "--backend", "supporters")
        finally:
            stopped.set()
            publisher.join(timeout=30)

    def publish_until(self, stopped, interval):
        while not stopped.is_set():
            self.publish_due()
            stopped.wait(interval)

    def publish_due(self):
        # One failure (the database restarting, say) must not stop the next minute's run.
        try:
            call_command("publish_scheduled")
        except Exception:
            logger.exception("Publishing scheduled pages failed; trying again next time.")
        finally:
            close_old_connections()
