"""Shared plumbing of `make bench`: a benchmark database, a gunicorn server, wrk."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from tests.servers import Gunicorn, production_environment

ROOT = Path(__file__).resolve().parents[2]
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
BENCH_DB = os.environ.get("BENCH_DB", "zen_bench")
DATABASE_URL = f"{PG}/{BENCH_DB}"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2")
PORT = int(os.environ.get("BENCH_PORT", "8765"))
SMTP_PORT = PORT + 1000  # the local SMTP server of the delivery measures, beside the bench's own port
BASE = f"http://127.0.0.1:{PORT}"
HELLO = "/bench/hello/"
MAX_DRIFT = 0.2  # a measure whose hello-world baseline moved more than this is taken again
ATTEMPTS = 3


APPLICATION_FORM = "/chantiers/laval-zen/devenir-partenaire/"
CSRF_SECRET = "b" * 32  # Django accepts the unmasked secret as the form token


def application_body(started: str) -> str:
    """A valid partner application, form-encoded; `started` is the form's signed time stamp."""
    return urlencode(
        {
            "csrfmiddlewaretoken": CSRF_SECRET,
            "started": started,
            "organisation_name": "Organisation du banc d’essai",
            "organisation_kind": "nonprofit",
            "contact_name": "Personne Essai",
            "contact_email": "essai@example.org",
            "motivation": "Contribuer à la transition du territoire.",
            "consent_privacy": "on",
        }
    )


def environment(**extra: str) -> dict[str, str]:
    return production_environment(
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
        BENCHMARK_HELLO="1",
        **extra,
    )


def manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def require_tools() -> None:
    if not shutil.which("wrk"):
        sys.exit("make bench needs wrk (apt-get install wrk).")


def fresh_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {BENCH_DB}")
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def analyze() -> None:
    """Give PostgreSQL's planner the statistics a production database has (autovacuum would, later)."""
    import psycopg

    with psycopg.connect(DATABASE_URL, autocommit=True) as connection:
        connection.execute("ANALYZE")


@contextmanager
def gunicorn(env: dict[str, str], workers: int = 2):
    server = Gunicorn(env, port=PORT, workers=workers).start(ready_path=HELLO)
    try:
        yield server
    finally:
        server.stop()


def wrk(path: str, *, connections: int = 32, seconds: int = 8, threads: int = 2) -> float:
    """Requests per second that wrk sustains on `path`."""
    output = subprocess.run(
        # Browsers ask for compressed pages, and so does the benchmark.
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "-H",
            "Accept-Encoding: gzip, br",
            BASE + path,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in output or "Socket errors" in output:
        raise RuntimeError(f"{path} answered errors under load:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def load() -> str:
    """The machine's load averages (1, 5, 15 minutes) and its number of cores, printed before each measure."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


@dataclass
class Ratio:
    """A measure as a ratio to the hello-world baseline taken just before and just after it."""

    name: str
    value: float  # the measure itself (requests per second)
    hello_before: float
    hello_after: float
    load: str
    attempts: int

    @property
    def hello(self) -> float:
        return (self.hello_before + self.hello_after) / 2

    @property
    def ratio(self) -> float:
        return self.value / self.hello if self.hello > 0 else 0.0

    @property
    def drift(self) -> float:
        """How far the baseline moved; infinite when one of its runs served nothing (the machine stalled)."""
        if min(self.hello_before, self.hello_after) <= 0:
            return float("inf")
        return abs(self.hello_after - self.hello_before) / self.hello_before


def against_hello(
    name: str, measure: Callable[[], float], *, seconds: int = 4, hello: Callable[[], float] | None = None
) -> Ratio:
    """`measure()` between two hello-world runs; taken again (up to ATTEMPTS) while the baseline drifts.

    The attempt kept is the one whose baseline moved least; the table says how far it moved.

    `hello` measures the baseline the same way as `measure` (by default wrk on HELLO, 32 connections).
    """
    baseline = hello or (lambda: wrk(HELLO, seconds=seconds))
    best: Ratio | None = None
    for attempt in range(1, ATTEMPTS + 1):
        now = load()
        print(f"[{now}] {name}", flush=True)
        before = baseline()
        value = measure()
        after = baseline()
        result = Ratio(name, value, before, after, now, attempt)
        print(
            f"    {value:.1f}/s, hello-world {before:.0f} → {after:.0f}/s: {result.ratio:.3f}× "
            f"(baseline moved {result.drift:.0%})",
            flush=True,
        )
        if best is None or result.drift < best.drift:
            best = result
        if result.drift <= MAX_DRIFT:
            break
        print(f"    the baseline moved more than {MAX_DRIFT:.0%}: measuring again", flush=True)
    assert best is not None
    best.attempts = attempt
    return best  # the attempt whose baseline held best


def ratio_rows(results: list[Ratio], targets: dict[str, tuple[str, float]], failures: list[str]) -> list[str]:
    """Table rows for `results`; `targets` maps a name to (comparison, bound): ("≥", 0.7) or ("≤", 11)."""
    rows = []
    for result in results:
        comparison, bound = targets.get(result.name, ("", 0.0))
        verdict = "recorded"
        if comparison:
            met = result.ratio >= bound if comparison == "≥" else result.ratio <= bound
            verdict = f"{comparison} {bound:g}: {'met' if met else 'MISSED'}"
            if not met:
                failures.append(f"{result.name}: {result.ratio:.3f}× (target {comparison} {bound:g}×)")
        drift = f"{result.drift:.0%}" + (f" (best of {result.attempts})" if result.attempts > 1 else "")
        if result.drift > MAX_DRIFT:
            drift += ", **unsteady**"
        rows.append(f"| {result.name} | **{result.ratio:.3f}×** | {verdict} | {drift} | {result.load} |")
    return rows


RATIO_HEADER = [
    "| measure | ratio to hello-world | target | baseline drift | load before |",
    "| --- | ---: | --- | ---: | --- |",
]


def finish(title: str, body: str, failures: list[str]) -> None:
    """Say whether the targets were met, record the figures, print them; exit non-zero on a miss."""
    body += "\nTargets met.\n" if not failures else "\nMissed: " + "; ".join(failures) + "\n"
    append_report(title, "make bench", body)
    print(body)
    if failures:
        sys.exit(1)


def append_report(title: str, command: str, body: str) -> None:
    """Put this run's figures at the top of docs/benchmarks.md, under its introduction."""
    report = ROOT / "docs" / "benchmarks.md"
    intro, _, rest = report.read_text().partition("\n## ") if report.exists() else ("# Benchmarks\n", "", "")
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    section = f"## {title} — {stamp}\n\nCommand: `{command}`\n\n{body}\n"
    report.write_text(intro.rstrip() + "\n\n" + section + ("\n## " + rest if rest else ""))
