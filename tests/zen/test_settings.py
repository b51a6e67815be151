"""Production configuration: refused when unsafe, clean under `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from zen.env import env_bool, mailer_from_url

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "zen.settings",
    "DJANGO_DEBUG": "0",
    "SECRET_KEY": "p" + "r0duct10n-k3y-" * 5,
    "ALLOWED_HOSTS": "collectiviteszen.example.org",
    "EMAIL_URL": "smtp://mailer:secret@smtp.example.org:587/?tls=1",
    "DEFAULT_FROM_EMAIL": "Collectivités ZéN <programme@collectiviteszen.example.org>",
    "SITE_URL": "https://collectiviteszen.example.org",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # Only what a server would have: none of the test run's own variables.
    environment = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")} | env
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("SECRET_KEY", "", "SECRET_KEY must be set"),
        ("SECRET_KEY", "django-insecure-" + "x" * 50, "SECRET_KEY must be set"),
        ("SECRET_KEY", "short", "SECRET_KEY must be set"),
        ("ALLOWED_HOSTS", "", "ALLOWED_HOSTS must list"),
        ("EMAIL_URL", "", "EMAIL_URL must name the SMTP server"),
        ("EMAIL_URL", "ftp://nope", "EMAIL_URL must start with"),
        ("DJANGO_DEBUG", "maybe", "DJANGO_DEBUG must be a boolean"),
        ("DEFAULT_FROM_EMAIL", "", "DEFAULT_FROM_EMAIL must name the program's sender"),
        ("DEFAULT_FROM_EMAIL", "programme", "DEFAULT_FROM_EMAIL must be an email address"),
        ("SITE_URL", "", "SITE_URL must be the site's public address"),
        ("SITE_URL", "zen.example.org", "SITE_URL must be an address such as"),
    ],
)
def test_production_refuses_to_start_with_a_missing_or_unsafe_value(variable, value, message):
    result = manage("check", **(PRODUCTION | {variable: value}))
    assert result.returncode != 0
    assert message in result.stderr


def test_database_url_selects_postgresql_through_psycopg():
    result = manage(
        "shell",
        "-v0",
        "-c",
        "from django.db import connection; print(connection.vendor, connection.settings_dict['NAME'])",
        **PRODUCTION,
        DATABASE_URL="postgres://zen:pw@db.example.org:5432/zen",
    )
    assert result.stdout.split() == ["postgresql", "zen"], result.stderr


def test_postgresql_keeps_prepared_statements_unless_a_pooler_cannot():
    code = (
        "from django.db import connection as c; o = c.settings_dict['OPTIONS']; "
        "print(o.get('server_side_binding'), o.get('prepare_threshold'))"
    )
    url = "postgres://zen:pw@db.example.org:5432/zen"
    assert manage("shell", "-v0", "-c", code, **PRODUCTION, DATABASE_URL=url).stdout.split() == ["True", "5"]
    off = manage("shell", "-v0", "-c", code, **PRODUCTION, DATABASE_URL=url, DATABASE_PREPARED_STATEMENTS="0")
    assert off.stdout.split() == ["None", "None"], off.stderr


def test_redis_url_makes_redis_the_broker_and_the_cache():
    code = (
        "from django.conf import settings as s; "
        "print(s.CELERY_BROKER_URL, s.CELERY_TASK_ALWAYS_EAGER, s.CACHES['default']['BACKEND'], "
        "s.CACHES['default'].get('OPTIONS', {}).get('IGNORE_EXCEPTIONS'))"
    )
    with_redis = manage("shell", "-v0", "-c", code, **PRODUCTION, REDIS_URL="redis://cache.example.org:6379/0")
    assert with_redis.stdout.split() == [
        "redis://cache.example.org:6379/0",
        "False",
        "django_redis.cache.RedisCache",
        "True",
    ], with_redis.stderr
    without = manage("shell", "-v0", "-c", code, **PRODUCTION)
    assert without.stdout.split()[1] == "True"  # eager: no server needed


def test_email_url_becomes_an_smtp_mailer():
    mailer = mailer_from_url("smtp://user%40x:p%3Ass@smtp.example.org:587/?tls=1")
    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert mailer["OPTIONS"] | {} == {
        "host": "smtp.example.org",
        "port": 587,
        "username": "user@x",
        "password": "p:ss",
        "use_ssl": False,
        "use_tls": True,
        "timeout": 10,
    }
    assert mailer_from_url("smtps://smtp.example.org")["OPTIONS"]["port"] == 465
    assert mailer_from_url("console://")["BACKEND"].endswith("console.EmailBackend")
    with pytest.raises(ImproperlyConfigured):
        mailer_from_url("smtp://")


def test_env_bool_rejects_what_it_cannot_read(monkeypatch):
    monkeypatch.setenv("ZEN_FLAG", "oui")
    with pytest.raises(ImproperlyConfigured):
        env_bool("ZEN_FLAG")
    monkeypatch.setenv("ZEN_FLAG", "on")
    assert env_bool("ZEN_FLAG") is True


def test_migrations_are_in_step_with_the_models(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_collectstatic_builds_the_hashed_compressed_files_production_serves(tmp_path):
    result = manage("collectstatic", "--no-input", "-v0", **PRODUCTION, STATIC_ROOT=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("css/site.*.css.gz"))
