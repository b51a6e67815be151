"""Instructions per request, counted by valgrind: `python -m tests.bench.instructions`.

Wall-clock figures on these shared machines move by a factor of two from one
day to the next; instruction counts do not. Each request runs in-process
through Django's WSGI handler on the benchmark database (PostgreSQL, Redis),
under `valgrind --tool=callgrind`, once for a few requests and once for many:
the difference, divided by the extra requests, leaves out start-up.
(Work done by PostgreSQL and Redis is not counted: they are other processes.)
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile

from tests.bench.common import (
    APPLICATION_FORM,
    CSRF_SECRET,
    ROOT,
    append_report,
    application_body,
    environment,
    fresh_database,
    manage,
)

FEW, MANY = 10, 60
ENV = environment(APPLICATION_MIN_SECONDS="0", APPLICATION_RATE_LIMIT="1000000000")


def child(path: str, count: int) -> None:
    """Serve `count` requests to `path` in this process (run under valgrind by `main`)."""
    os.environ.update(ENV)
    import django

    django.setup()
    from django.core.wsgi import get_wsgi_application

    from partners.forms import started_token

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
            capture_output=True,
            text=True,
        )
    if result.returncode:
        raise RuntimeError(result.stderr[-3000:])
    return int(re.search(r"Collected : (\d+)", result.stderr).group(1))


def per_request(path: str) -> float:
    return (instructions(path, MANY) - instructions(path, FEW)) / (MANY - FEW)


def main() -> None:
    if not shutil.which("valgrind"):
        sys.exit("needs valgrind (apt-get install valgrind).")
    print("Building the database…", flush=True)
    fresh_database()
    manage("migrate", "--no-input", "-v0", env=ENV)
    manage("load_seed", env=ENV)
    hello = per_request("/bench/hello/")
    submission = per_request(APPLICATION_FORM)
    body = "\n".join(
        [
            "| request (in-process, Django's WSGI handler) | instructions | ratio to hello-world |",
            "| --- | ---: | ---: |",
            f"| hello-world | {hello / 1e6:.2f} M | 1.0 |",
            f"| partner application (form, rate limit, application + 2 outbox rows, commit, hand-over) "
            f"| {submission / 1e6:.2f} M | {submission / hello:.1f} |",
        ]
    )
    body += "\n\nvalgrind --tool=callgrind; PostgreSQL's and Redis's own work is not counted.\n"
    append_report("Instructions per request", "python -m tests.bench.instructions", body)
    print(body)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], int(sys.argv[3]))
    else:
        main()
