import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.requirements import require

ROOT = Path(__file__).resolve().parents[2]


def compose(*args: str) -> str:
    binary = shutil.which("docker-compose")
    require(binary is not None, "Debian's docker-compose is not installed (apt-get install docker-compose)")
    assert binary is not None  # require() ended the test otherwise
    result = subprocess.run(
        [binary, "-f", "docker-compose.yml", "config", *args],
        cwd=ROOT,
        env={
            "PATH": os.environ["PATH"],
            "SECRET_KEY": "validate-only",
            "DEFAULT_FROM_EMAIL": "programme@zen.example.org",
            "SITE_URL": "https://zen.example.org",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_docker_compose_file_validates_with_the_documented_services():
    assert set(compose("--services").split()) == {"web", "worker", "beat", "db", "redis", "mail"}
    config = compose()
    assert "image: postgres:16" in config
    assert "pg_isready" in config
    assert "condition: service_healthy" in config
    assert "--worker-class sync" in config
    assert "celery -A zen worker" in config
    assert "celery -A zen beat" in config


@pytest.mark.parametrize("variable", ["SECRET_KEY", "DEFAULT_FROM_EMAIL", "SITE_URL"])
def test_docker_compose_refuses_to_start_without_a_required_value(variable):
    binary = shutil.which("docker-compose")
    require(binary is not None, "Debian's docker-compose is not installed")
    assert binary is not None  # require() ended the test otherwise
    values = {"SECRET_KEY": "validate-only", "DEFAULT_FROM_EMAIL": "a@zen.example.org", "SITE_URL": "https://z.example"}
    del values[variable]
    result = subprocess.run(
        [binary, "-f", "docker-compose.yml", "config"],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **values},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert variable in result.stderr
