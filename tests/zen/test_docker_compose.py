"""docker-compose.yml is a deployment: checked through Debian's `docker-compose config` (no engine needed)."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.requirements import require

ROOT = Path(__file__).resolve().parents[2]
APP_SERVICES = {"migrate", "collectstatic", "web", "worker", "email-worker", "beat"}


def compose(*args: str, env: dict[str, str] | None = None) -> str:
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
            **(env or {}),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def services() -> dict:
    return yaml.safe_load(compose())["services"]


def command(service: dict) -> str:
    value = service.get("command", "")
    return value if isinstance(value, str) else " ".join(value)


def test_docker_compose_file_validates_with_the_documented_services():
    assert set(compose("--services").split()) == APP_SERVICES | {"db", "redis", "mail"}


def test_migrate_and_collectstatic_run_once_before_web_and_workers(services):
    assert command(services["migrate"]) == "python manage.py migrate --no-input"
    assert command(services["collectstatic"]) == "python manage.py collectstatic --no-input"
    for job in ("migrate", "collectstatic"):
        assert services[job]["restart"] == "no", f"{job} is a one-shot job"
    for name in ("web", "worker", "email-worker", "beat"):
        assert services[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}, name
        assert "migrate" not in command(services[name]), f"{name} must not migrate at start"
    assert services["web"]["depends_on"]["collectstatic"] == {"condition": "service_completed_successfully"}
    # The web server reads what collectstatic wrote.
    assert "static:/app/staticfiles:rw" in services["collectstatic"]["volumes"]
    assert "static:/app/staticfiles:ro" in services["web"]["volumes"]


def test_web_is_gunicorn_with_the_shipped_config_file_and_trusts_only_the_documented_proxy(services):
    web = services["web"]
    assert command(web) == "gunicorn --config gunicorn.conf.py zen.wsgi"
    environment = web["environment"]
    assert environment["WEB_CONCURRENCY"] == "3"
    assert environment["GUNICORN_TIMEOUT"] == "30"
    # The gateway of the compose network, through which the host's TLS proxy reaches web.
    assert environment["FORWARDED_ALLOW_IPS"] == "172.30.57.1"
    (network,) = yaml.safe_load(compose())["networks"]["default"]["ipam"]["config"]
    assert network == {"subnet": "172.30.57.0/24", "gateway": "172.30.57.1"}
    assert "SECURE_PROXY_SSL_HEADER" not in environment  # Django would trust the header from anyone
    # Published on loopback only: nothing but the proxy on this host talks to gunicorn.
    assert web["ports"] == ["127.0.0.1:8000:8000/tcp"]
    config = (ROOT / "gunicorn.conf.py").read_text()
    assert 'forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")' in config
    assert 'forwarder_headers = "SCRIPT_NAME"' in config
    assert 'worker_class = "sync"' in config
    assert 'CMD ["gunicorn", "--config", "gunicorn.conf.py", "zen.wsgi"]' in (ROOT / "Dockerfile").read_text()


def test_every_gunicorn_setting_can_be_given_in_the_env_file(services):
    environment = yaml.safe_load(
        compose(env={"WEB_CONCURRENCY": "8", "GUNICORN_TIMEOUT": "45", "FORWARDED_ALLOW_IPS": "10.0.0.5"})
    )["services"]["web"]["environment"]
    assert (environment["WEB_CONCURRENCY"], environment["GUNICORN_TIMEOUT"]) == ("8", "45")
    assert environment["FORWARDED_ALLOW_IPS"] == "10.0.0.5"


def test_beat_runs_exactly_once_and_emails_have_a_queue_and_a_worker_of_their_own(services):
    beats = [name for name, service in services.items() if " beat" in command(service) or " -B" in command(service)]
    assert beats == ["beat"]
    assert services["beat"]["deploy"]["replicas"] == 1
    assert "--queues email " in command(services["email-worker"])
    assert "--queues celery " in command(services["worker"])
    from django.conf import settings

    assert settings.CELERY_TASK_ROUTES == {"outbox.*": {"queue": "email"}}


def test_health_checks_use_the_readiness_endpoint(services):
    assert "pg_isready" in services["db"]["healthcheck"]["test"][-1]
    assert services["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    probe = " ".join(services["web"]["healthcheck"]["test"])
    assert "/health/ready/" in probe
    for name in APP_SERVICES - {"collectstatic"}:
        depends = services[name]["depends_on"]
        assert depends["db"] == {"condition": "service_healthy"}, name


def test_every_variable_the_apps_read_is_listed_in_env_example(services):
    listed = {
        line.split("=", 1)[0]
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    }
    lines = (ROOT / ".env.example").read_text().splitlines()
    for index, line in enumerate(lines):
        if line and not line.startswith("#"):
            assert lines[index - 1].startswith("#") or "=" in lines[index - 1], f"{line} has no comment"
    passed = set(services["web"]["environment"]) - {"DJANGO_DEBUG"}
    assert passed - listed == set(), "compose passes variables .env.example does not explain"
    read = set()
    for source in ("zen/settings.py", "gunicorn.conf.py"):
        text = (ROOT / source).read_text()
        read |= set(re.findall(r"""env_(?:str|bool|int|list|int_list|email|url)\(\s*"([A-Z0-9_]+)\"""", text))
        read |= set(re.findall(r"""os\.environ\.get\("([A-Z0-9_]+)\"""", text))
        read |= set(re.findall(r'"(S3_[A-Z_]+)"', text))
    assert read - listed == set(), "variables read by the code but missing from .env.example"


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
