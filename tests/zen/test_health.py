"""Liveness and readiness for load balancers and orchestrators.

tests/integration/test_production.py takes Redis down under gunicorn and checks that
readiness says so while the pages keep serving.
"""

import pytest
from django.test import Client
from django.urls import reverse


@pytest.mark.django_db
def test_liveness_only_says_the_process_answers(client):
    response = client.get(reverse("health-live"), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json() == {}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_readiness_checks_the_database_the_cache_and_both_storages(client, settings):
    response = client.get(reverse("health-ready"), HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content
    checks = response.json()
    assert set(checks.values()) == {"OK"}
    assert {"Database(alias='default')", "Cache(alias='default')"} <= set(checks)
    assert {"Storage(alias='default')", "Storage(alias='private')"} <= set(checks)
    if settings.CELERY_BROKER_URL.startswith("redis://"):
        assert any(name.startswith("Redis(") for name in checks)  # the broker
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_readiness_names_a_storage_that_fails(client, settings, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the private media folder should be")
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": blocked}},
    }
    response = client.get(reverse("health-ready"), HTTP_ACCEPT="application/json")
    assert response.status_code == 500
    checks = response.json()
    assert checks["Storage(alias='private')"] != "OK"
    assert checks["Database(alias='default')"] == "OK"


def test_probes_over_plain_http_are_not_redirected_to_https(settings):
    settings.SECURE_SSL_REDIRECT = True
    client = Client()
    assert client.get(reverse("robots")).status_code == 301
    assert client.get(reverse("health-live")).status_code == 200
