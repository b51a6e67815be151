"""The one way tests and benchmarks start the platform's processes: gunicorn and Celery workers.

Both run as production runs them (`DJANGO_DEBUG=0`, `zen.settings`), in their own
process group so that a test can kill a worker mid-task, on a free loopback port
unless told otherwise. `production_environment()` is the environment they start
from; callers add the database, Redis and SMTP server they point at.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for[T](condition: Callable[[], T], timeout: float, message: str, interval: float = 0.1) -> T:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s: {message}")


def production_environment(**extra: str) -> dict[str, str]:
    """What a production process needs to start, with plain HTTP on loopback."""
    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "zen.settings",
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": "tests-and-benchmarks-only-" + "s3cr3t-" * 8,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "EMAIL_URL": "smtp://127.0.0.1:1025",
        "DEFAULT_FROM_EMAIL": "Collectivités ZéN <programme@zen.example.org>",
        "SITE_URL": "https://zen.example.org",
        # Plain HTTP on 127.0.0.1 only: production sits behind a TLS proxy and keeps these on.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


class _Process:
    """A child process in its own group, its output kept for error messages."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.log = io.StringIO()

    def _spawn(self, command: list[str], env: dict[str, str]) -> None:
        self.log = io.StringIO()
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        threading.Thread(target=self._read, args=(self.process,), daemon=True).start()

    def _read(self, process: subprocess.Popen) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            self.log.write(line)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL to the whole group: the main process and its children die where they stand."""
        if self.process:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            self.process = None

    def stop(self) -> None:
        if self.process:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
            self.process = None


class Gunicorn(_Process):
    """The site served as in production: gunicorn, sync workers, collected static files."""

    def __init__(self, env: dict[str, str], *, port: int | None = None, workers: int = 2) -> None:
        super().__init__()
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        self.static_root = tempfile.mkdtemp(prefix="zen-static-")
        self.env = env | {"STATIC_ROOT": self.static_root}

    def start(self, ready_path: str = "/robots.txt") -> Gunicorn:
        manage("collectstatic", "--no-input", "-v0", env=self.env)
        self._spawn(
            [
                str(BIN / "gunicorn"),
                "zen.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--worker-class",
                "sync",
                "--no-control-socket",  # gunicorn 27 would open one in a shared home folder
                "--log-level",
                "warning",
            ],
            self.env,
        )
        wait_for(lambda: self._answers(ready_path), 60, f"gunicorn did not start:\n{self.log.getvalue()}", 0.2)
        return self

    def _answers(self, path: str) -> bool:
        if not self.running:
            raise AssertionError(f"gunicorn exited:\n{self.log.getvalue()}")
        try:
            urllib.request.urlopen(self.url + path, timeout=2)
        except urllib.error.HTTPError:
            return True  # it answered, if only with an error
        except OSError:
            return False
        return True

    def stop(self) -> None:
        super().stop()
        shutil.rmtree(self.static_root, ignore_errors=True)


class CeleryWorker(_Process):
    """`celery worker` (prefork) on the given environment's broker and database."""

    def __init__(self, env: dict[str, str], *, concurrency: int = 2, queues: str | None = None) -> None:
        super().__init__()
        self.env = env
        self.concurrency = concurrency
        self.queues = queues

    def start(self) -> CeleryWorker:
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "zen",
            "worker",
            "--loglevel",
            "INFO",
            "--concurrency",
            str(self.concurrency),
            "--pool",
            "prefork",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ]
        if self.queues:
            command += ["--queues", self.queues]
        self._spawn(command, self.env)
        wait_for(lambda: " ready." in self.log.getvalue(), 60, f"the worker did not start:\n{self.log.getvalue()}")
        return self
