"""Benchmark of partner applications: `make bench` (needs PostgreSQL, Redis).

1. Submissions through gunicorn (sync workers) on PostgreSQL, each writing the
   application and its outbox emails in one transaction and handing them to
   Redis: wrk posts the form on 16 connections for a fixed time; submissions
   per second as a ratio to a hello-world view measured by the same wrk just
   before and after (taken again when that baseline moved more than 20 %).
2. Delivery: one Celery worker sends everything those submissions queued to an
   SMTP server in this process; emails per second, as a ratio to the same
   hello-world. (The verdicts on both are in instruction counts,
   tests/bench/instructions.py; these throughputs are recorded.)
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
    RATIO_HEADER,
    SMTP_PORT,
    against_hello,
    application_body,
    environment,
    finish,
    fresh_database,
    gunicorn,
    load,
    manage,
    ratio_rows,
)
from tests.servers import CeleryWorker

CLIENTS = 16
SECONDS = 10
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))  # the best of 2, 4 and 6 on 2 cores (docs/benchmarks.md)


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
    controller = Controller(counter, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    worker_env = env | {"EMAIL_URL": f"smtp://127.0.0.1:{SMTP_PORT}"}
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
        body = application_body(started_token())
        submissions = against_hello(
            "submissions (application + 2 outbox emails in one transaction, hand-over to Redis)",
            lambda: wrk(APPLICATION_FORM, body=body)[0],
            hello=lambda: wrk("/bench/hello/", seconds=5)[0],
        )
        hello_median = wrk("/bench/hello/", seconds=4)[1]
    import psycopg

    from tests.bench.common import DATABASE_URL

    with psycopg.connect(DATABASE_URL) as connection:
        (stored,) = connection.execute("SELECT count(*) FROM partners_partnerapplication").fetchone() or (0,)
        (emails,) = connection.execute(
            "SELECT count(*) FROM outbox_outboxemail WHERE status = 'pending'"
        ).fetchone() or (0,)
    print(f"{stored} applications stored, {emails} emails queued; delivering… [{load()}]", flush=True)
    rate_emails, delivered = deliver(env, emails)

    failures = []
    if delivered != emails or emails != 2 * stored:
        failures.append("not every submission or email was kept")
    body = "\n".join(
        [
            *RATIO_HEADER,
            *ratio_rows([submissions], {}, failures),
            f"| emails delivered by one worker (concurrency 2) to a local SMTP server, per second "
            f"| **{rate_emails / submissions.hello:.3f}×** | recorded | — | |",
            "",
            f"Scale only: hello-world {submissions.hello:.0f} requests per second (median {hello_median:.1f} ms"
            f" at {CLIENTS} connections), {submissions.value:.0f} submissions and {rate_emails:.0f} emails per"
            f" second; {stored} applications stored, {delivered} emails delivered.",
        ]
    )
    body += f"\n\ngunicorn with {WORKERS} sync workers on PostgreSQL and Redis; wrk runs on the same machine.\n"
    finish("Partner applications", body, failures)


if __name__ == "__main__":
    main()
