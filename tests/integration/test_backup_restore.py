"""The restore drill: a backup is worth what a restore from it shows.

The backup is the one docs/operations.md gives: `pg_dump --format=custom` of the
database and a tar archive of each media folder. It is restored into a scratch
database and fresh folders; every model's row count matches, and gunicorn serving
the restored copy (DJANGO_DEBUG=0) shows a Chantier's page with its partner's logo.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import psycopg
import pytest
import requests
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from chantiers.models import Chantier
from partners import services
from partners.images import clean_logo
from partners.models import Organisation
from tests.integration.conftest import staff_account
from tests.integration.visit import png
from tests.servers import Gunicorn, production_environment

PG_TOOLS = ("pg_dump", "pg_restore", "createdb", "dropdb")


def pg(*command: str, database: str | None = None) -> None:
    db = connection.settings_dict
    arguments = ["-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432), "-U", db["USER"]]
    env = os.environ | ({"PGPASSWORD": db["PASSWORD"]} if db["PASSWORD"] else {})
    subprocess.run([command[0], *arguments, *command[1:], *([database] if database else [])], check=True, env=env)


@pytest.fixture
def scratch_database():
    from tests.requirements import require

    require(
        all(shutil.which(tool) for tool in PG_TOOLS), "PostgreSQL's client tools (apt-get install postgresql-client)"
    )
    name = f"{connection.settings_dict['NAME']}_restore"
    pg("dropdb", "--if-exists", "--force", database=name)
    pg("createdb", database=name)
    yield name
    pg("dropdb", "--if-exists", "--force", database=name)


def row_counts(database: str | None = None) -> dict[str, int]:
    """Rows of every model's table (through tables and history included), in the test database or another."""
    tables = sorted({model._meta.db_table for model in apps.get_models(include_auto_created=True)})
    db = connection.settings_dict
    conninfo = psycopg.conninfo.make_conninfo(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname=database or db["NAME"],
    )
    counts: dict[str, int] = {}
    with psycopg.connect(conninfo) as restored:
        for table in tables:
            query = psycopg.sql.SQL("SELECT count(*) FROM {}").format(psycopg.sql.Identifier(table))
            row = restored.execute(query).fetchone()
            counts[table] = row[0] if row else -1
    return counts


def test_a_backup_restores_into_a_scratch_database_that_serves_the_site(
    transactional_db, scratch_database, collected_static, tmp_path
):
    call_command("load_seed", "--examples", verbosity=0)
    laval = Chantier.objects.get(slug="laval-zen")
    reviewer = staff_account("coordination@laval.example.org", chantier=laval)
    application = services.application_submit(
        chantier=laval,
        organisation_name="Cargo Vélo",
        organisation_kind="nonprofit",
        contact_name="Sam",
        contact_email="sam@example.org",
        motivation="Livrer à vélo.",
        language="fr",
        consent_privacy=True,
        consent_public_listing=True,
        logo=clean_logo(ContentFile(png(), name="logo.png")),
    )
    services.application_accept(application=application, reviewer=reviewer)
    services.application_submit(
        chantier=laval,
        organisation_name="En attente",
        organisation_kind="nonprofit",
        contact_name="Lou",
        contact_email="lou@example.org",
        motivation="Aider.",
        language="fr",
        consent_privacy=True,
        logo=clean_logo(ContentFile(png(colour="#aa3300"), name="logo.png")),
    )
    before = row_counts()
    assert before["partners_partnerapplication"] == 2 and before["outbox_outboxemail"] >= 4

    # Back up, as docs/operations.md says.
    dump = tmp_path / "zen.dump"
    pg("pg_dump", "--format=custom", "--no-owner", "--file", str(dump), database=connection.settings_dict["NAME"])
    archives = {}
    for name, folder in (("media", settings.MEDIA_ROOT), ("private-media", settings.PRIVATE_MEDIA_ROOT)):
        archives[name] = tmp_path / f"{name}.tar.gz"
        with tarfile.open(archives[name], "w:gz") as archive:
            archive.add(folder, arcname=".")

    # Restore into a scratch database and fresh folders.
    pg("pg_restore", "--no-owner", "--exit-on-error", "--dbname", scratch_database, str(dump))
    restored_media = {}
    for name, archive_path in archives.items():
        restored_media[name] = tmp_path / "restored" / name
        with tarfile.open(archive_path) as archive:
            archive.extractall(restored_media[name], filter="data")

    after = row_counts(scratch_database)
    assert after == before, {table: (before[table], after[table]) for table in before if before[table] != after[table]}
    print(f"\nrestore drill: {len(after)} tables, {sum(after.values())} rows, identical after the restore")

    db = connection.settings_dict
    server = Gunicorn(
        production_environment(
            DATABASE_URL=f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT'] or 5432}/"
            f"{scratch_database}",
            MEDIA_ROOT=str(restored_media["media"]),
            PRIVATE_MEDIA_ROOT=str(restored_media["private-media"]),
        ),
        workers=1,
        static_root=collected_static,
    ).start()
    try:
        page = requests.get(f"{server.url}/chantiers/laval-zen/", timeout=30)
        assert page.status_code == 200
        assert "Laval ZéN" in page.text and "Cargo Vélo" in page.text
        logo = Organisation.objects.get(name="Cargo Vélo").logo.url
        assert f'src="{logo}"' in page.text
        served = requests.get(f"{server.url}{logo}", timeout=30)  # the restored public media, under gunicorn
        assert served.status_code == 200 and served.headers["Content-Type"] == "image/png"
        assert served.content == Path(restored_media["media"], logo.removeprefix("/media/")).read_bytes()
        # The pending application's logo came back too, and stays private.
        pending = re.sub(r"^/media/", "", logo).replace("organisations/", "applications/")
        assert requests.get(f"{server.url}/media/{pending}", timeout=30).status_code == 404
    finally:
        server.stop()
    assert any(Path(restored_media["private-media"], "applications", "logos").iterdir())
