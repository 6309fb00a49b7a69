"""Running the worker's imports in a test, as the Procfile's worker does."""

import threading
from unittest import mock

from django_tasks_db.management.commands import db_worker

from django.db import connections


def run_imports():
    """Run every queued import (the "imports" backend) and return. Between
    tasks the worker closes connections that are not in autocommit, as the
    test's transaction is not: that is left out here, as in the delivery tests."""
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        db_worker.Worker(
            queue_names=["default"],
            excluded_queue_names=[],
            interval=0,
            batch=True,
            backend_name="imports",
            startup_delay=False,
            max_tasks=None,
            worker_id="test-imports",
        ).run()


class WorkerThread:
    """The worker's import thread beside a live server, for browser tests:
    takes queued imports until stopped. Its own database connection, in
    autocommit as the real worker's (transactional tests only)."""

    def __init__(self):
        self.worker = db_worker.Worker(
            queue_names=["default"],
            excluded_queue_names=[],
            interval=0.2,
            batch=False,
            backend_name="imports",
            startup_delay=False,
            max_tasks=None,
            worker_id="test-imports-thread",
        )
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        try:
            self.worker.run()
        finally:
            connections.close_all()

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.worker.running = False
        self.thread.join(timeout=60)
