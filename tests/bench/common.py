"""Shared plumbing of `make bench`: a benchmark database, a gunicorn server, wrk."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

from tests.servers import Gunicorn, production_environment

ROOT = Path(__file__).resolve().parents[2]
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
BENCH_DB = os.environ.get("BENCH_DB", "zen_bench")
DATABASE_URL = f"{PG}/{BENCH_DB}"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2")
PORT = int(os.environ.get("BENCH_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"


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


@contextmanager
def gunicorn(env: dict[str, str], workers: int = 2):
    server = Gunicorn(env, port=PORT, workers=workers).start(ready_path="/bench/hello/")
    try:
        yield server
    finally:
        server.stop()


def wrk(path: str, *, connections: int = 32, seconds: int = 8, threads: int = 2) -> float:
    """Requests per second that wrk sustains on `path`."""
    output = subprocess.run(
        # Browsers ask for compressed pages, and so does the benchmark.
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "-H", "Accept-Encoding: gzip, br", BASE + path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in output:
        raise RuntimeError(f"{path} answered errors under load:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


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
