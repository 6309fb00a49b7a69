"""Running the worker's imports in a test, as the Procfile's worker does."""

from unittest import mock

from django_tasks_db.management.commands import db_worker


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
