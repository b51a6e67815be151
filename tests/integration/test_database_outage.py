"""A database outage, seen by a visitor: the site's own 503 page in their language, nothing half-written.

The site runs under gunicorn as in production (DJANGO_DEBUG=0), on its own Redis and
object storage, and reaches PostgreSQL through a proxy the test cuts: first before a
request, then in the middle of an application's transaction.
"""

from __future__ import annotations

import re
import time

import pytest

from partners.models import PartnerApplication
from tests.integration.visit import Visitor, png
from tests.servers import Gunicorn, ObjectStorage, production_environment
from zen.outbox.models import OutboxEmail

FORM = "/chantiers/laval-zen/devenir-partenaire/"
FIELDS = {
    "organisation_name": "Cargo Vélo",
    "organisation_kind": "nonprofit",
    "contact_name": "Camille Tremblay",
    "contact_email": "camille@example.org",
    "motivation": "Nous voulons aider à développer le réseau cyclable.",
    "consent_privacy": "on",
}


@pytest.fixture
def storage():
    bucket = ObjectStorage().start()
    yield bucket
    bucket.stop()


@pytest.fixture
def web(site, database_proxy, redis_server, storage, collected_static):
    env = production_environment(
        DATABASE_URL=database_proxy.url,
        DATABASE_CONN_MAX_AGE="0",
        REDIS_URL=redis_server.url,
        APPLICATION_MIN_SECONDS="1",
        **storage.environment(),
    )
    server = Gunicorn(env, workers=1, static_root=collected_static).start()
    yield server
    server.stop()


def outage_lines(server: Gunicorn) -> list[str]:
    return [line for line in server.log.getvalue().splitlines() if "Database unreachable" in line]


@pytest.mark.parametrize(
    ("path", "language", "words"),
    [
        (FORM, "fr-CA", "Rien n’a été enregistré : réessayez dans un instant."),
        (f"/en{FORM}", "en-CA", "Nothing was saved: try again in a moment."),
    ],
)
def test_with_the_database_unreachable_the_form_answers_503_in_the_visitors_language(
    web, database_proxy, path, language, words
):
    database_proxy.cut()
    response = Visitor(web.url).get(path)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert f'<html lang="{language}"' in response.text
    assert words in response.text
    assert "Traceback" not in response.text
    (line,) = outage_lines(web)  # logged once, with its cause
    assert path in line and "OperationalError" in line and "refused" in line
    assert "Internal Server Error" not in web.log.getvalue()


def test_a_database_lost_in_the_middle_of_a_submission_keeps_nothing_half_written(web, database_proxy, storage):
    visitor = Visitor(web.url)
    page = visitor.get(FORM).text
    time.sleep(1.05)  # APPLICATION_MIN_SECONDS=1: a person takes longer
    # The application's row is written, its logo stored; the database goes as the emails are.
    database_proxy.cut_when = b'INSERT INTO "outbox_outboxemail"'
    files = {"logo": ("logo.png", png(), "image/png")}
    response = visitor.post_form(FORM, FIELDS, files=files, page=page)
    assert response.status_code == 503
    assert "réessayez dans un instant" in response.text
    (line,) = outage_lines(web)
    assert re.search(r"OperationalError|InterfaceError", line)

    database_proxy.restore()
    assert not PartnerApplication.objects.exists()
    assert not OutboxEmail.objects.exists()
    assert storage.object_keys() == []  # the logo went with the row

    # Once the database is back, the same visitor sends the form again, and it is saved.
    page = visitor.get(FORM).text
    time.sleep(1.05)
    files = {"logo": ("logo.png", png(), "image/png")}
    assert visitor.post_form(FORM, FIELDS, files=files, page=page).status_code == 200  # the thanks page
    assert PartnerApplication.objects.get().organisation_name == "Cargo Vélo"
