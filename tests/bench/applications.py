"""Benchmark of partner applications: `make bench` (needs PostgreSQL, Redis).

1. Submissions through gunicorn (sync workers) on PostgreSQL, each writing the
   application and its outbox emails in one transaction and handing them to
   Redis: wrk posts the form on 16 connections for a fixed time; median
   latency and submissions per second, beside a hello-world view measured by
   the same wrk in the same run.
2. Delivery: one Celery worker sends everything those submissions queued to an
   SMTP server in this process; emails per second.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from aiosmtpd.controller import Controller

from tests.bench.common import (
    APPLICATION_FORM,
    CSRF_SECRET,
    PORT,
    application_body,
    environment,
    finish,
    fresh_database,
    gunicorn,
    manage,
)
from tests.servers import CeleryWorker

CLIENTS = 16
SECONDS = 10
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))  # the best of 2, 4 and 6 on 2 cores (docs/benchmarks.md)
TARGET_MEDIAN_MS = 50
TARGET_EMAILS_PER_SECOND = 50


def started_token() -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{APPLICATION_FORM}", timeout=30) as response:
        return re.search(r'name="started" value="([^"]+)"', response.read().decode()).group(1)


def wrk(path: str, *, body: str | None = None, seconds: int = SECONDS) -> tuple[float, float]:
    """(requests per second, median latency in ms) from wrk with CLIENTS connections."""
    command = ["wrk", "-t2", f"-c{CLIENTS}", f"-d{seconds}s", "--latency"]
    with tempfile.TemporaryDirectory() as folder:
        if body is not None:
            script = Path(folder) / "post.lua"
            script.write_text(
                'wrk.method = "POST"\n'
                f"wrk.body = {json.dumps(body)}\n"
                'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
                f'wrk.headers["Cookie"] = "csrftoken={CSRF_SECRET}"\n'
                f'wrk.headers["Referer"] = "http://127.0.0.1:{PORT}{path}"\n'
            )
            command += ["-s", str(script)]
        output = subprocess.run([*command, f"http://127.0.0.1:{PORT}{path}"], capture_output=True, text=True).stdout
    if "Non-2xx or 3xx" in output:
        raise RuntimeError(f"{path} answered errors:\n{output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    value, unit = re.search(r"\s50%\s+([\d.]+)(us|ms|s)", output).groups()
    median = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    return rate, median


class Counter:
    def __init__(self) -> None:
        self.count = 0
        self.last = 0.0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        self.last = time.monotonic()
        return "250 OK"


def deliver(env: dict[str, str], expected: int) -> tuple[float, int]:
    counter = Counter()
    controller = Controller(counter, hostname="127.0.0.1", port=8766)
    controller.start()
    worker_env = env | {"EMAIL_URL": "smtp://127.0.0.1:8766"}
    worker = CeleryWorker(worker_env).start()
    try:
        start: float | None = None
        deadline = time.monotonic() + 600
        while counter.count < expected and time.monotonic() < deadline:
            if start is None and counter.count:
                start = time.monotonic()
            time.sleep(0.05)
        if counter.count < expected:
            raise RuntimeError(f"only {counter.count} of {expected} emails were delivered")
        # From the first delivery to the last: the worker's start-up is not counted.
        assert start is not None
        return (counter.count - 1) / (counter.last - start), counter.count
    finally:
        worker.stop()
        controller.stop()


def main() -> None:
    env = environment(APPLICATION_MIN_SECONDS="0", APPLICATION_RATE_LIMIT="1000000000")
    print("Building the database…", flush=True)
    fresh_database()
    manage("migrate", "--no-input", "-v0", env=env)
    manage("load_seed", env=env)
    with gunicorn(env, workers=WORKERS):
        wrk("/bench/hello/", seconds=2)  # warm up
        hello_rate, hello_median = wrk("/bench/hello/")
        body = application_body(started_token())
        rate, median = wrk(APPLICATION_FORM, body=body)
    import psycopg

    from tests.bench.common import DATABASE_URL

    with psycopg.connect(DATABASE_URL) as connection:
        (stored,) = connection.execute("SELECT count(*) FROM partners_partnerapplication").fetchone() or (0,)
        (emails,) = connection.execute(
            "SELECT count(*) FROM outbox_outboxemail WHERE status = 'pending'"
        ).fetchone() or (0,)
    print(f"{stored} applications stored, {emails} emails queued; delivering…", flush=True)
    rate_emails, delivered = deliver(env, emails)

    failures = []
    if median > TARGET_MEDIAN_MS:
        failures.append(f"submission median {median:.1f} ms")
    if rate_emails < TARGET_EMAILS_PER_SECOND:
        failures.append(f"{rate_emails:.0f} emails/s")
    if delivered != emails or emails != 2 * stored:
        failures.append("not every submission or email was kept")
    body = "\n".join(
        [
            f"| measure ({CLIENTS} connections, {SECONDS} s, wrk) | value | target |",
            "| --- | ---: | ---: |",
            f"| hello-world (baseline) | {hello_rate:.0f} req/s, median {hello_median:.1f} ms | |",
            f"| submissions (application + 2 outbox emails in one transaction, hand-over to Redis) | "
            f"{rate:.0f} per second ({rate / hello_rate:.2f} of hello-world), median {median:.1f} ms "
            f"| ≤ {TARGET_MEDIAN_MS} ms |",
            f"| applications stored | {stored} | |",
            f"| emails delivered by one worker (concurrency 2) to a local SMTP server | {rate_emails:.0f} per second "
            f"({delivered} emails) | ≥ {TARGET_EMAILS_PER_SECOND} per second |",
        ]
    )
    body += f"\n\ngunicorn with {WORKERS} sync workers on PostgreSQL and Redis; wrk runs on the same 2-core machine.\n"
    finish("Partner applications", body, failures)


if __name__ == "__main__":
    main()
