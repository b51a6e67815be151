"""Instructions per request, counted by valgrind: `python -m tests.bench.instructions` (part of `make bench`).

Wall-clock figures on these shared machines move by a factor of two from one
day to the next; instruction counts do not. Each request runs in-process
through Django's WSGI handler on the benchmark database (PostgreSQL, Redis),
under `valgrind --tool=callgrind`, once for a few requests and once for many:
the difference, divided by the extra requests, leaves out start-up. Every run
has the same hash seed, so the counts repeat (to 0.001 %) from one run to the next.
(Work done by PostgreSQL and Redis is not counted: they are other processes.)
Measured so, each as a ratio to a hello-world request: a partner application's
submission (target ≤ 11×, issue 11.6), an uncached Chantier page (the seed's
Laval ZéN, page cache off) and an email's delivery by the outbox's task to a
local SMTP server (both recorded, so later work can be held to them).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.bench.common import (
    APPLICATION_FORM,
    CSRF_SECRET,
    PORT,
    ROOT,
    SMTP_PORT,
    analyze,
    append_report,
    application_body,
    environment,
    fresh_database,
    manage,
)

FEW, MANY = 10, 60
ENV = environment(
    APPLICATION_MIN_SECONDS="0",
    APPLICATION_RATE_LIMIT="1000000000",
    PUBLIC_PAGE_CACHE_SECONDS="0",  # every page request renders
    EMAIL_URL=f"smtp://127.0.0.1:{SMTP_PORT}",
    # A page names its static files by their hashed names: collected once, by main().
    STATIC_ROOT=os.environ.get("BENCH_STATIC_ROOT", str(Path(tempfile.gettempdir()) / f"zen-bench-static-{PORT}")),
)
CHANTIER_PAGE = "/chantiers/laval-zen/"
DELIVERY = "deliver"  # the child's name for "deliver this many pending emails"
TARGET_SUBMISSION = 11.0


def child(path: str, count: int) -> None:
    """Serve `count` requests to `path` in this process (run under valgrind by `main`)."""
    os.environ.update(ENV)
    import django

    django.setup()
    from django.core.wsgi import get_wsgi_application

    from partners.forms import started_token

    if path == DELIVERY:
        deliver_pending(count)
        return
    application = get_wsgi_application()
    body = application_body(started_token()).encode() if path == APPLICATION_FORM else b""
    statuses: list[str] = []

    def start_response(status, headers, exc_info=None):
        statuses.append(status)

    for _ in range(count):
        environ = {
            "REQUEST_METHOD": "POST" if body else "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8765",
            "HTTP_HOST": "127.0.0.1",
            "REMOTE_ADDR": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "CONTENT_LENGTH": str(len(body)),
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "HTTP_COOKIE": f"csrftoken={CSRF_SECRET}",
            "HTTP_REFERER": "http://127.0.0.1" + path,
        }
        response = application(environ, start_response)
        b"".join(response)
        response.close()
        if not statuses[-1].startswith(("200", "302")):
            sys.exit(f"{path} answered {statuses[-1]}")


def deliver_pending(count: int) -> None:
    """Deliver `count` pending emails as the outbox's worker task does (one SMTP session for the batch)."""
    from zen.outbox.models import OutboxEmail
    from zen.outbox.tasks import send_emails

    ids = list(OutboxEmail.objects.filter(status="pending").order_by("pk").values_list("pk", flat=True)[:count])
    if len(ids) < count:
        sys.exit(f"only {len(ids)} pending emails to deliver")
    send_emails(ids)
    if OutboxEmail.objects.filter(pk__in=ids, status="pending").exists():
        sys.exit("some emails were not delivered")


def instructions(path: str, count: int) -> int:
    with tempfile.TemporaryDirectory() as folder:
        result = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={folder}/out",
                sys.executable,
                "-m",
                "tests.bench.instructions",
                "--child",
                path,
                str(count),
            ],
            cwd=ROOT,
            # One hash seed for every run: with a random one, dicts and sets are laid out anew and
            # the garbage collector runs at other moments, and the same requests counted
            # 1.37 M to 1.75 M instructions for hello-world; with it, the same to 0.001 %.
            env=os.environ | {"PYTHONHASHSEED": "0"},
            capture_output=True,
            text=True,
        )
    if result.returncode:
        raise RuntimeError(result.stderr[-3000:])
    return int(re.search(r"Collected : (\d+)", result.stderr).group(1))


def per_request(path: str) -> float:
    return (instructions(path, MANY) - instructions(path, FEW)) / (MANY - FEW)


class Sink:
    async def handle_DATA(self, server, session, envelope):
        return "250 OK"


def main() -> None:
    if not shutil.which("valgrind"):
        sys.exit("needs valgrind (apt-get install valgrind).")
    from aiosmtpd.controller import Controller

    print("Building the database…", flush=True)
    fresh_database()
    manage("migrate", "--no-input", "-v0", env=ENV)
    manage("load_seed", env=ENV)
    analyze()
    manage("collectstatic", "--no-input", "-v0", env=ENV)
    hello = per_request("/bench/hello/")
    submission = per_request(APPLICATION_FORM)  # leaves 2 pending emails per submission
    page = per_request(CHANTIER_PAGE)
    smtp = Controller(Sink(), hostname="127.0.0.1", port=SMTP_PORT)
    smtp.start()
    try:
        delivery = per_request(DELIVERY)
    finally:
        smtp.stop()
    ratio = submission / hello
    verdict = "met" if ratio <= TARGET_SUBMISSION else "MISSED"
    body = "\n".join(
        [
            "| request (in-process, Django's WSGI handler) | instructions | ratio to hello-world | target |",
            "| --- | ---: | ---: | --- |",
            f"| hello-world | {hello / 1e6:.2f} M | 1.0 | baseline |",
            f"| partner application (form, rate limit, application + 2 outbox rows, commit, hand-over) "
            f"| {submission / 1e6:.2f} M | **{ratio:.1f}×** | ≤ {TARGET_SUBMISSION:g}: {verdict} |",
            f"| uncached Chantier page (Laval ZéN, seed, page cache off) | {page / 1e6:.2f} M "
            f"| **{page / hello:.1f}×** | recorded |",
            f"| an email's delivery (outbox task: render, SMTP to a local server, mark sent) | {delivery / 1e6:.2f} M "
            f"| **{delivery / hello:.1f}×** | recorded |",
        ]
    )
    body += "\n\nvalgrind --tool=callgrind; PostgreSQL's and Redis's own work is not counted.\n"
    append_report("Instructions per request", "make bench (python -m tests.bench.instructions)", body)
    print(body)
    if verdict != "met":
        sys.exit(1)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], int(sys.argv[3]))
    else:
        main()
