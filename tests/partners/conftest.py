import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


@pytest.fixture(autouse=True)
def no_minimum_time(settings):
    settings.APPLICATION_MIN_SECONDS = 0


def image_file(fmt: str = "PNG", size=(120, 80), name: str | None = None, **save) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#1b6e3a").save(buffer, format=fmt, **save)
    extension = {"JPEG": "jpg"}.get(fmt, fmt.lower())
    return SimpleUploadedFile(name or f"logo.{extension}", buffer.getvalue(), content_type=f"image/{extension}")


def application_data(**overrides) -> dict:
    from partners.forms import started_token

    data = {
        "organisation_name": "Vélo Québec",
        "organisation_kind": "nonprofit",
        "sector": "Mobilité active",
        "website": "https://velo.example.org",
        "neq": "",
        "contact_name": "Camille Tremblay",
        "contact_email": "camille@example.org",
        "contact_phone": "514 555-0123",
        "motivation": "Nous voulons aider à développer le réseau cyclable.",
        "themes": [],
        "consent_public_listing": "on",
        "consent_privacy": "on",
        "started": started_token(),
        "fax_number": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """client.post that also runs what waits for the transaction to commit (the email hand-over)."""

    def _post(url, data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, **extra)

    return _post
