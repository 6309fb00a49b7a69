"""The fault tests' own services, which they stop and start at will: a
PostgreSQL cluster and a Redis server started for the session (never the
shared ones), and small receivers that stand in for the organisation's mail
server and CRM. Each is stopped by its own process id."""

import contextlib
import http.server
import os
import re
import shutil
import signal
import socketserver
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import psycopg
import pytest

from bench.demo_site import ROOT, free_port
from tests.deploy.servers import unavailable


def _postgres_bin():
    """Debian's newest PostgreSQL programs, or POSTGRES_BIN."""
    if "POSTGRES_BIN" in os.environ:
        return Path(os.environ["POSTGRES_BIN"])
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    return versions[-1] if versions else Path("/usr/lib/postgresql/bin")


POSTGRES_BIN = _postgres_bin()
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def _as_postgres():
    """PostgreSQL refuses to run as root: as root, run its programs as the
    postgres user."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


class PostgresCluster:
    """A cluster of its own in a temporary folder, on a free port, that a
    test may restart or stop: a real outage, not a mocked one."""

    def __init__(self):
        if not (POSTGRES_BIN / "pg_ctl").exists():
            unavailable(
                f"The fault tests start a PostgreSQL cluster of their own with {POSTGRES_BIN}/"
                "pg_ctl (Debian: apt-get install postgresql; or set POSTGRES_BIN)"
            )
        self.folder = Path(tempfile.mkdtemp(prefix="faults-postgres-"))
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self.data = self.folder / "data"
        self.port = free_port()
        self._run(
            "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"
        )
        self.start()

    def _run(self, program, *args):
        result = subprocess.run(
            [*_as_postgres(), POSTGRES_BIN / program, *map(str, args)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, f"{program} {args}\n{result.stdout}{result.stderr}"

    def _options(self):
        # Only on loopback, with its socket in its own folder; durability as in
        # production (fsync on), so that "stored" means what it says.
        return (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=60"
        )

    def start(self):
        self._run(
            "pg_ctl",
            "-D",
            self.data,
            "-l",
            self.folder / "log",
            "-o",
            self._options(),
            "-w",
            "start",
        )

    def stop(self):
        self._run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def restart(self):
        """What a managed database does for a minor upgrade or a failover:
        every connection is cut, then it answers again."""
        self._run(
            "pg_ctl",
            "-D",
            self.data,
            "-l",
            self.folder / "log",
            "-m",
            "fast",
            "-o",
            self._options(),
            "-w",
            "restart",
        )

    def url(self, database="postgres"):
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name):
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def restore(self, name, source_url, folder):
        """A database `name` holding what the database at source_url holds,
        moved as a backup is (pg_dump's custom format, pg_restore), with this
        cluster's own programs: their pg_restore reads their pg_dump's format,
        and their pg_dump reads servers of their major version or older."""
        with psycopg.connect(source_url, connect_timeout=5) as source:
            source_major = source.info.server_version // 10000
        ours = subprocess.run(
            [POSTGRES_BIN / "pg_dump", "--version"], capture_output=True, text=True, check=True
        )
        major = int(re.search(r"\) (\d+)", ours.stdout).group(1))
        assert source_major <= major, (
            f"{POSTGRES_BIN}'s PostgreSQL {major} cannot read a dump of the deploy tests' "
            f"server (PostgreSQL {source_major}): set POSTGRES_BIN to the newer programs"
        )
        dump = folder / f"{name}.dump"
        self._client("pg_dump", "--format=custom", "--no-owner", f"--file={dump}", source_url)
        url = self.create_database(name)
        self._client("pg_restore", "--no-owner", f"--dbname={url}", dump)
        return url

    def _client(self, program, *args):
        """One of the cluster's client programs, run as the tests' own user."""
        result = subprocess.run(
            [POSTGRES_BIN / program, *map(str, args)], capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, f"{program} {args}\n{result.stdout}{result.stderr}"

    def query(self, database, sql, *params):
        with psycopg.connect(self.url(database), connect_timeout=5) as connection:
            return connection.execute(sql, params).fetchall()

    def destroy(self):
        with contextlib.suppress(AssertionError):
            self._run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


class RedisServer:
    """redis-server on a free port, in memory only, that a test may stop and
    start again."""

    def __init__(self):
        if not Path(REDIS_SERVER).exists():
            unavailable(
                "The fault tests start a Redis server of their own (Debian: apt-get install "
                "redis-server)"
            )
        self.port = free_port()
        self.process = None
        self.start()

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        import redis

        deadline = time.monotonic() + 20
        while True:
            try:
                redis.Redis(port=self.port, socket_connect_timeout=1).ping()
                return
            except redis.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("redis-server did not start")
                time.sleep(0.1)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend (no TLS, no AUTH): every message
    it accepts is kept in the server's `messages`."""

    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 sink ready")
        recipients, data = [], None
        while line := self.rfile.readline():
            if data is not None:
                if line in (b".\r\n", b".\n"):
                    self.server.messages.append({"to": recipients, "data": b"".join(data).decode()})
                    recipients, data = [], None
                    self.reply("250 kept")
                else:
                    data.append(line[1:] if line.startswith(b"..") else line)
                continue
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                self.reply("250 sink")
            elif verb == b"RCPT":
                recipients.append(line.decode().split(":", 1)[1].strip().strip("<>"))
                self.reply("250 ok")
            elif verb == b"DATA":
                data = []
                self.reply("354 go on")
            elif verb == b"QUIT":
                self.reply("221 bye")
                return
            else:  # MAIL, RSET, NOOP
                self.reply("250 ok")


class SMTPSink(socketserver.ThreadingTCPServer):
    """A mail server on loopback `port`, in a thread of the test."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port):
        self.messages = []
        super().__init__(("127.0.0.1", port), _SMTPHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def close(self):
        self.shutdown()
        self.server_close()


class _ReceiverHandler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        status = self.server.receive(self.headers, body)
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def receiver_check():
    """The receiver's check as docs/deploy.md shows it (its `accept`), run
    here as a CRM would run it, so that the guide's code is known to work."""
    guide = (ROOT / "docs/deploy.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", guide, re.DOTALL)
    code = next(block for block in blocks if "def accept(" in block)
    namespace = {}
    exec(code, namespace)  # noqa: S102 (the project's own documentation)
    return namespace["accept"]


class WebhookReceiver(http.server.ThreadingHTTPServer):
    """A CRM's webhook endpoint doing the check docs/deploy.md shows: a
    repeated delivery is acknowledged but not recorded twice. While `failing`,
    it answers 503 and records nothing, as a CRM that is down does. With
    `hold` set, the next delivery it records waits for `released` before it
    answers (`held` says when it is waiting), so that a test can kill the
    sender after the CRM has the signature and before the sender knows."""

    daemon_threads = True

    def __init__(self, secret):
        self.secret = secret
        self.accept = receiver_check()
        self.failing = False
        self.hold = False
        self.held = threading.Event()
        self.released = threading.Event()
        self.requests = []  # the Idempotency-Key of every delivery received
        self.recorded = {}  # idempotency key: payload, once each
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", free_port()), _ReceiverHandler)
        self.port = self.server_address[1]
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/hook"

    def receive(self, headers, body):
        with self.lock:
            self.requests.append(headers["Idempotency-Key"])
            if self.failing:
                return 503
            try:
                payload = self.accept(headers, body, self.secret, self.recorded)
            except ValueError:
                return 401
            hold = False
            if payload is not None:
                self.recorded[payload["idempotency_key"]] = payload
                hold, self.hold = self.hold, False
        if hold:
            self.held.set()
            self.released.wait(30)
        return 200

    def close(self):
        self.released.set()
        self.shutdown()
        self.server_close()
