"""A signature's follow-ups run through the real "supporters" backend: the
tasks are stored by django_tasks_db and run by its worker, in the test's
process, as the Procfile's `worker` runs them in production. The
organisation's webhook is a local HTTP server on 127.0.0.1 (an Endpoint) that
records what it receives."""

import hashlib
import hmac
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from django.test import override_settings

SECRET = "test-webhook-secret-0123456789-abcdefghij"  # 40 characters


SIGNER = {
    "first_name": "Ana",
    "last_name": "Ruiz",
    "email": "ana@example.org",
    "postcode": "10001",
    "opt_in": "on",
}


class Endpoint:
    """A stand-in for the organisation's CRM: a threaded HTTP server that
    records every request and answers each with the next of `answers` (the
    last one again once they run out). An answer is a status, a (status,
    seconds) pair to answer only after that delay, or "garbage" for a reply
    that is not HTTP."""

    def __init__(self, answers=(200,), *, port=0, location=None):
        self.answers = list(answers)
        self.location = location
        self.requests = []
        self.released = threading.Event()
        self._lock = threading.Lock()
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with endpoint._lock:
                    endpoint.requests.append(
                        {"path": self.path, "headers": dict(self.headers), "body": body}
                    )
                    answer = endpoint.answers[
                        min(len(endpoint.requests), len(endpoint.answers)) - 1
                    ]
                if answer == "garbage":
                    self.wfile.write(b"NOT HTTP AT ALL\r\n\r\n")
                    return
                status, delay = answer if isinstance(answer, tuple) else (answer, 0)
                if delay and endpoint.released.wait(delay):
                    return  # the test is over: drop the connection
                try:
                    self.send_response(status)
                    if endpoint.location and 300 <= status < 400:
                        self.send_header("Location", endpoint.location)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok")
                except OSError:
                    pass  # the client gave up waiting

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/signatures"

    def stop(self):
        self.released.set()
        self.server.shutdown()
        self.server.server_close()


def webhook(url):
    """The settings of a site that pushes signatures to `url`, retrying at once."""
    return override_settings(
        SUPPORTER_WEBHOOK_URL=url,
        SUPPORTER_WEBHOOK_SECRET=SECRET,
        SUPPORTER_RETRY_BASE_SECONDS=0,
    )


def run_worker(max_tasks=None):
    """Run django_tasks_db's worker for the "supporters" backend until the
    queue holds nothing due (or after `max_tasks` tasks)."""
    db_worker.Worker(
        queue_names=["default"],
        excluded_queue_names=[],
        interval=0,
        batch=True,
        backend_name="supporters",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id="test-worker",
    ).run()


def queued(task):
    return DBTaskResult.objects.ready().filter(task_path=task.module_path)


def expected_signature(body, timestamp, secret=SECRET):
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()
