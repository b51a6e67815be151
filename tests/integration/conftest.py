"""Integration tests run against real services: PostgreSQL, Redis, a Celery worker, an SMTP server.

They need DATABASE_URL (PostgreSQL) and REDIS_URL; `.ci/run` sets both. On a
laptop without them they are skipped; in CI a missing service fails the run.
Each test that needs them gets its own Redis server (so it can be stopped and
started again), an SMTP server in this process, and a Celery worker process
that reads the test database.
"""

from __future__ import annotations

import email
import email.policy
import io
import os
import shutil
import socket
import subprocess
import tempfile
import threading
from collections import Counter
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import connection

from chantiers.models import Chantier, Coordinator
from tests.conftest import with_totp
from tests.requirements import require
from tests.servers import (
    Beat,
    CeleryWorker,
    Gunicorn,
    ObjectStorage,
    free_port,
    manage,
    production_environment,
    wait_for,
)
from zen.celery import app as celery_app
from zen.outbox import services

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def real_services():
    require(
        os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        "integration tests need DATABASE_URL pointing at PostgreSQL",
    )
    require(os.environ.get("REDIS_URL", "").startswith("redis://"), "integration tests need REDIS_URL")


# --- SMTP ------------------------------------------------------------------


class Sink:
    """An SMTP server that keeps what it accepts and refuses what a test tells it to."""

    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []
        self.lock = threading.Lock()
        self.refuse_for_a_while: dict[str, int] = {}  # address -> how many more times to answer 451
        self.refuse_for_good: set[str] = set()  # addresses answered 550
        # Called with each message once it is stored, before the client hears "250": a test
        # kills the sender there, or takes the database away, right after SMTP accepted.
        self.on_accept: Callable[[email.message.Message], None] | None = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            if address in self.refuse_for_good:
                return "550 5.1.1 No such user here"
            if self.refuse_for_a_while.get(address, 0) > 0:
                self.refuse_for_a_while[address] -= 1
                return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
        if self.on_accept is not None:
            self.on_accept(message)
        return "250 Message accepted"

    def to(self, address: str) -> list[email.message.Message]:
        with self.lock:
            return [m for m in self.messages if m["To"] == address]

    def ids(self) -> Counter:
        with self.lock:
            return Counter(int(m["X-Zen-Email-Id"]) for m in self.messages)


@pytest.fixture
def smtp():
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller.port, sink
    controller.stop()


# --- Redis -----------------------------------------------------------------


class RedisServer:
    """A Redis of this test's own, so that it can be taken down and brought back."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        binary = shutil.which("redis-server")
        require(binary is not None, "redis-server is not installed")
        assert binary is not None  # require() ended the test otherwise
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        import redis

        client = redis.Redis(port=self.port)
        wait_for(lambda: _pings(client), 10, "redis-server did not start")

    def stop(self) -> None:
        if self.process:
            self.process.kill()
            self.process.wait()
            self.process = None


def _pings(client) -> bool:
    try:
        return client.ping()
    except Exception:
        return False


@pytest.fixture
def redis_server(settings):
    server = RedisServer()
    server.start()
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "LOCATION": server.url,
        }
    }
    before = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)
    celery_app.conf.update(broker_url=server.url, task_always_eager=False)
    _reset_broker_pool()
    yield server
    celery_app.conf.update(broker_url=before[0], task_always_eager=before[1])
    _reset_broker_pool()
    server.stop()


def _reset_broker_pool() -> None:
    """Forget connections to the previous broker (what Celery itself does after a fork)."""
    # Celery has no public call for this: these private attributes (absent from celery-types)
    # are the ones its after-fork hook resets.
    if celery_app._pool is not None:  # type: ignore[attr-defined]
        celery_app._pool.force_close_all()  # type: ignore[attr-defined]
    celery_app._pool = None  # type: ignore[attr-defined]
    celery_app.amqp._producer_pool = None  # type: ignore[attr-defined]
    services._broker_down_until = 0.0


# --- A database that goes away ------------------------------------------------


class DatabaseProxy:
    """A TCP proxy on loopback in front of the test's PostgreSQL, which a test can cut and restore.

    Cut, it drops every connection through it and refuses new ones (nothing listens on
    its port), as a client sees a database host that went away; the shared PostgreSQL
    itself is never touched. `cut_when` cuts it as soon as a client sends those bytes
    (a statement's text), which takes the database away in the middle of a transaction.
    """

    def __init__(self) -> None:
        db = connection.settings_dict
        self.upstream = (db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))
        self.port = free_port()
        self.url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@127.0.0.1:{self.port}/{db['NAME']}"
        self.cut_when: bytes | None = None
        self.lock = threading.Lock()
        self.listener: socket.socket | None = None
        self.sockets: set[socket.socket] = set()

    def start(self) -> DatabaseProxy:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        listener.settimeout(0.2)
        with self.lock:
            self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def _accept(self, listener: socket.socket) -> None:
        while self.listener is listener:
            try:
                client, _address = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                server = socket.create_connection(self.upstream)
            except OSError:
                client.close()
                continue
            client.settimeout(None)
            with self.lock:
                self.sockets |= {client, server}
            threading.Thread(target=self._pump, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket, from_client: bool) -> None:
        while True:
            try:
                data = source.recv(65536)
            except OSError:
                break
            if not data:
                break
            if from_client and self.cut_when is not None and self.cut_when in data:
                self.cut_when = None
                self.cut()
                break
            try:
                target.sendall(data)
            except OSError:
                break
        for sock in (source, target):
            self._close(sock)

    def _close(self, sock: socket.socket) -> None:
        with self.lock:
            self.sockets.discard(sock)
        with suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()

    def cut(self) -> None:
        with self.lock:
            listener, self.listener = self.listener, None
            sockets = list(self.sockets)
        if listener is not None:
            with suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)  # stops listening now, even while accept() polls it
            listener.close()
        for sock in sockets:
            self._close(sock)

    def restore(self) -> None:
        if self.listener is None:
            self.start()

    def cut_for(self, seconds: float) -> None:
        """Cut now and restore `seconds` later, without waiting."""
        self.cut()
        threading.Timer(seconds, self.restore).start()


@pytest.fixture
def database_proxy(transactional_db):
    proxy = DatabaseProxy().start()
    yield proxy
    proxy.cut()


# --- Celery worker -----------------------------------------------------------


# The outbox's recovery delays (zen/settings.py), scaled down from minutes to seconds so that
# a test waits out the bounds they promise: flush every 2 s, a lost hand-over after 5 s, a
# stopped worker's email after 15 s, and a worker that waits 10 s for the database to record.
OUTBOX_TIMES = {
    "OUTBOX_RETRY_DELAYS": "1,1,1,1",
    "OUTBOX_FLUSH_SECONDS": "2",
    "OUTBOX_HANDOVER_STALE_SECONDS": "5",
    "OUTBOX_RECORD_PATIENCE_SECONDS": "10",
    "OUTBOX_SENDING_STALE_SECONDS": "15",
}


class Worker(CeleryWorker):
    """A Celery worker process reading the test database, on a test's own Redis and SMTP server."""

    def __init__(self, redis_url: str, smtp_port: int, *, database: str | None = None, **env: str) -> None:
        super().__init__(
            production_environment(
                DATABASE_URL=database or database_url(),
                DATABASE_CONN_MAX_AGE="0",
                REDIS_URL=redis_url,
                EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}",
                **OUTBOX_TIMES | env,
            )
        )


@pytest.fixture
def worker(transactional_db, redis_server, smtp):
    port, _sink = smtp
    process = Worker(redis_server.url, port)
    process.start()
    yield process
    process.stop()


@pytest.fixture
def site(transactional_db, settings):
    settings.APPLICATION_MIN_SECONDS = 0
    settings.APPLICATION_RATE_LIMIT = 10_000
    call_command("load_seed", stdout=io.StringIO())


# --- The platform as deployed ----------------------------------------------------


def database_url() -> str:
    """The test database, as a production process's DATABASE_URL."""
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="session")
def collected_static():
    """Static files collected once for every gunicorn of the run (collectstatic takes seconds)."""
    root = tempfile.mkdtemp(prefix="zen-static-")
    manage("collectstatic", "--no-input", "-v0", env=production_environment(STATIC_ROOT=root))
    yield root
    shutil.rmtree(root, ignore_errors=True)


PASSWORD = "un-mot-de-passe-solide-2026"


def staff_account(email: str, *, chantier: Chantier | None = None, superuser: bool = False, password: str = PASSWORD):
    """A staff account that signs in as a person does: verified email, a real password hash, TOTP."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from chantiers.roles import ensure_groups

    user = get_user_model().objects.create_user(username=email, email=email, is_staff=True, is_superuser=superuser)
    # What production's hasher reads (the tests' own settings hash with MD5).
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(password, hasher.salt(), iterations=1000)
    user.save(update_fields=["password"])
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if chantier is not None:
        coordinators, _staff = ensure_groups()
        user.groups.add(coordinators)
        Coordinator.objects.create(user=user, chantier=chantier)
    return with_totp(user)


class Stack:
    """The platform on loopback as docker-compose.yml deploys it, shared by the tests of a module.

    Redis (broker and cache), an SMTP sink, S3-compatible object storage, `web` gunicorn
    instances with the shipped config, Celery workers on both queues (or one each) and
    one beat, all on the test database.
    """

    def __init__(self, static_root: str, *, web: int = 1, web_workers: int = 2, split_queues: bool = True, **env):
        self.redis = RedisServer()
        self.sink = Sink()
        self.smtp = Controller(self.sink, hostname="127.0.0.1", port=free_port())
        self.storage = ObjectStorage()
        self.static_root = static_root
        self.web_count, self.web_workers, self.split_queues = web, web_workers, split_queues
        self.extra = env
        self.web: list[Gunicorn] = []
        self.workers: list[CeleryWorker] = []
        self.beat: Beat | None = None

    def start(self) -> Stack:
        self.redis.start()
        self.smtp.start()
        self.storage.start()
        self.env = production_environment(
            DATABASE_URL=database_url(),
            DATABASE_CONN_MAX_AGE="0",
            REDIS_URL=self.redis.url,
            EMAIL_URL=f"smtp://127.0.0.1:{self.smtp.port}",
            APPLICATION_MIN_SECONDS="1",
            **OUTBOX_TIMES,
            **self.storage.environment(),
            **self.extra,
        )
        try:
            self.web = [
                Gunicorn(self.env, workers=self.web_workers, static_root=self.static_root).start()
                for _ in range(self.web_count)
            ]
            queues = ["celery", "email"] if self.split_queues else ["celery,email", "celery,email"]
            self.workers = [CeleryWorker(self.env, concurrency=2, queues=queue).start() for queue in queues]
            self.beat = Beat(self.env).start()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for process in [*self.web, *self.workers, *([self.beat] if self.beat else [])]:
            process.stop()
        self.smtp.stop()
        self.storage.stop()
        self.redis.stop()

    def logs(self) -> str:
        return "\n".join(process.log.getvalue()[-4000:] for process in [*self.web, *self.workers])


@pytest.fixture
def on_stack(settings, transactional_db):
    """Point this test process at a module's stack (its Redis as cache), from a clean Redis and database."""

    pointed: list[Stack] = []

    def point(stack: Stack) -> Stack:
        import redis

        redis.Redis.from_url(stack.redis.url).flushdb()
        settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": stack.redis.url}}
        with stack.sink.lock:
            stack.sink.messages.clear()
        pointed.append(stack)
        return stack

    yield point
    # The database is emptied after the test (TRUNCATE): let the workers finish the emails
    # in flight first, or their locks and the TRUNCATE's could wait on each other.
    from zen.outbox.models import OutboxEmail

    for stack in pointed:
        wait_for(
            lambda: not OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING, attempts=0).exists(),
            30,
            f"the workers to go quiet:\n{stack.logs()}",
        )
