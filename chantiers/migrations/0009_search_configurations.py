"""The text search configurations chantiers/search.py uses on PostgreSQL.

`zen_french` and `zen_english` are PostgreSQL's French and English configurations
with `unaccent` before the stemmer, so "quebec" finds "Québec". Nothing happens on
SQLite, whose search is chantiers.search.match_documents.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

CONFIGURATIONS = {"zen_french": "french", "zen_english": "english"}


def create_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, base in CONFIGURATIONS.items():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{base})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {base}_stem"
        )


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("chantiers", "0008_events_rules")]

    operations = [
        UnaccentExtension(),
        migrations.RunPython(create_configurations, drop_configurations, elidable=False),
    ]
