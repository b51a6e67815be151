"""Shared plumbing of `make bench`: a benchmark database, a gunicorn server, wrk."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DATABASE_URL = f"{PG}/zen_bench"
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
    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "zen.settings",
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": "benchmark-only-" + "k3y-" * 12,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_URL": "smtp://127.0.0.1:1025",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "BENCHMARK_HELLO": "1",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def require_tools() -> None:
    if not shutil.which("wrk"):
        sys.exit("make bench needs wrk (apt-get install wrk).")


def fresh_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS zen_bench WITH (FORCE)")
        connection.execute("CREATE DATABASE zen_bench")
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


@contextmanager
def gunicorn(env: dict[str, str], workers: int = 2):
    static_root = tempfile.mkdtemp(prefix="zen-bench-static-")
    env = env | {"STATIC_ROOT": static_root}
    manage("collectstatic", "--no-input", "-v0", env=env)
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "zen.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(BASE + "/bench/hello/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        yield
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(static_root, ignore_errors=True)


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
