"""The one way tests and benchmarks start the platform's processes: gunicorn, Celery workers, beat.

Each runs as production runs it (`DJANGO_DEBUG=0`, `zen.settings`, gunicorn with the
shipped gunicorn.conf.py), in its own process group so that a test can kill a worker
mid-task, on a free loopback port unless told otherwise. `production_environment()`
is the environment they start from; callers add the database, Redis and SMTP server
they point at. `ObjectStorage` is the S3-compatible server (moto's server mode) that
stands for production's bucket, on loopback.
"""

from __future__ import annotations

import io
import json
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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from moto.server import ThreadedMotoServer

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
    """The site served as in production: gunicorn with gunicorn.conf.py, sync workers, collected static files."""

    def __init__(
        self, env: dict[str, str], *, port: int | None = None, workers: int = 2, static_root: str | None = None
    ) -> None:
        super().__init__()
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        # Instances of one test may share their static files (collected once).
        self.own_static_root = static_root is None
        self.static_root = static_root or tempfile.mkdtemp(prefix="zen-static-")
        self.env = env | {"STATIC_ROOT": self.static_root, "WEB_CONCURRENCY": str(workers)}

    def start(self, ready_path: str = "/robots.txt") -> Gunicorn:
        if not (Path(self.static_root) / "staticfiles.json").exists():
            manage("collectstatic", "--no-input", "-v0", env=self.env)
        self._spawn(
            [
                str(BIN / "gunicorn"),
                "--config",
                str(ROOT / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                "--access-logfile",
                os.devnull,
                "zen.wsgi",
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
        if self.own_static_root:
            shutil.rmtree(self.static_root, ignore_errors=True)


class CeleryWorker(_Process):
    """`celery worker` (prefork) on the given environment's broker and database.

    It consumes both queues unless told one (production runs one worker for each:
    `celery` for jobs, `email` for the outbox, CELERY_TASK_ROUTES).
    """

    def __init__(self, env: dict[str, str], *, concurrency: int = 2, queues: str = "celery,email") -> None:
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
        command += ["--queues", self.queues]
        self._spawn(command, self.env)
        wait_for(lambda: " ready." in self.log.getvalue(), 60, f"the worker did not start:\n{self.log.getvalue()}")
        return self


class Beat(_Process):
    """`celery beat`, the one scheduler of the periodic jobs (the outbox flush among them)."""

    def __init__(self, env: dict[str, str]) -> None:
        super().__init__()
        self.env = env
        self.schedule = Path(tempfile.mkdtemp(prefix="zen-beat-")) / "schedule"

    def start(self) -> Beat:
        command = [
            *(sys.executable, "-m", "celery", "-A", "zen", "beat"),
            *("--loglevel", "INFO", "--schedule", str(self.schedule)),
        ]
        self._spawn(command, self.env)
        wait_for(lambda: "beat: Starting..." in self.log.getvalue(), 60, f"beat did not start:\n{self.log.getvalue()}")
        return self

    def stop(self) -> None:
        super().stop()
        shutil.rmtree(self.schedule.parent, ignore_errors=True)


class ObjectStorage:
    """An S3-compatible server on loopback (moto's server mode), with a bucket laid out as production's.

    The bucket policy is the one docs/operations.md gives: anyone may read `public/`,
    nobody but the site's credentials anything else.
    """

    def __init__(self, bucket: str = "zen-media") -> None:
        self.bucket = bucket
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.server: ThreadedMotoServer | None = None

    def start(self) -> ObjectStorage:
        from moto.server import ThreadedMotoServer

        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()
        client = self.client()
        client.create_bucket(Bucket=self.bucket)
        client.put_bucket_policy(Bucket=self.bucket, Policy=json.dumps(public_read_policy(self.bucket)))
        return self

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )

    def environment(self) -> dict[str, str]:
        """What a production process needs to keep its media in this bucket."""
        return {
            "S3_BUCKET": self.bucket,
            "S3_ENDPOINT_URL": self.endpoint,
            "S3_REGION": "us-east-1",
            "S3_ACCESS_KEY_ID": "testing",
            "S3_SECRET_ACCESS_KEY": "testing",
        }

    def object_keys(self) -> list[str]:
        listing = self.client().list_objects_v2(Bucket=self.bucket)
        return sorted(entry["Key"] for entry in listing.get("Contents", []))

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None


def public_read_policy(bucket: str) -> dict:
    """The bucket policy of docs/operations.md: public media readable by anyone, the rest by nobody anonymous."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicMediaOnly",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/public/*",
            }
        ],
    }
