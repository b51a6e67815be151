"""Liveness and readiness for load balancers and orchestrators.

tests/integration/test_production.py takes Redis down under gunicorn and checks that
readiness says so while the pages keep serving.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse


def get(path: str, **headers):
    """GET from a thread of its own, as a server's would be.

    The health views are async; the test client runs them on an event loop of their own,
    which it cannot start on a thread where another loop runs (the browser tests leave
    Playwright's on this one).
    """

    def fetch():
        try:
            return Client().get(path, **headers)
        finally:
            connections.close_all()  # the thread's own, or the test database could not be dropped

    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(fetch).result()


@pytest.mark.django_db
def test_liveness_only_says_the_process_answers():
    response = get(reverse("health-live"), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json() == {}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_readiness_checks_the_database_the_cache_and_both_storages(settings):
    response = get(reverse("health-ready"), HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content
    checks = response.json()
    assert set(checks.values()) == {"OK"}
    assert {"Database(alias='default')", "Cache(alias='default')"} <= set(checks)
    assert {"Storage(alias='default')", "Storage(alias='private')"} <= set(checks)
    if settings.CELERY_BROKER_URL.startswith("redis://"):
        assert any(name.startswith("Redis(") for name in checks)  # the broker
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_readiness_names_a_storage_that_fails(settings, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the private media folder should be")
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": blocked}},
    }
    response = get(reverse("health-ready"), HTTP_ACCEPT="application/json")
    assert response.status_code == 500
    checks = response.json()
    assert checks["Storage(alias='private')"] != "OK"
    assert checks["Database(alias='default')"] == "OK"


def test_probes_over_plain_http_are_not_redirected_to_https(settings):
    settings.SECURE_SSL_REDIRECT = True
    assert Client().get(reverse("robots")).status_code == 301
    assert get(reverse("health-live")).status_code == 200
