"""The database refuses a second value for the same key, and years out of range, on PostgreSQL and SQLite."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.utils import ConnectionHandler

from chantiers.diagnostic.models import Value


def refuses(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_it_refuses_a_second_value_for_the_same_sector(laval, source, by_sector, transport):
    key = {"chantier": laval, "indicator": by_sector, "sector": transport, "year": 2020, "source": source}
    Value.objects.create(**key, value=100)
    refuses(lambda: Value.objects.create(**key, value=200))


def test_it_refuses_a_second_value_without_sector(laval, source, total):
    key = {"chantier": laval, "indicator": total, "year": 2020, "source": source}
    Value.objects.create(**key, value=100)
    refuses(lambda: Value.objects.create(**key, value=200))


def test_another_kind_year_or_source_is_another_value(laval, lachine, source, total):
    Value.objects.create(chantier=laval, indicator=total, year=2020, source=source, value=100)
    Value.objects.create(chantier=laval, indicator=total, year=2020, source=source, value=90, kind="target")
    Value.objects.create(chantier=laval, indicator=total, year=2021, source=source, value=95)
    Value.objects.create(chantier=lachine, indicator=total, year=2020, source=source, value=10)
    source.pk = None
    source.save()
    Value.objects.create(chantier=laval, indicator=total, year=2020, source=source, value=101)
    assert Value.objects.filter(is_example=False).count() == 5


@pytest.mark.parametrize("year", [1989, 2101])
def test_it_refuses_a_year_out_of_range(laval, source, total, year):
    refuses(lambda: Value.objects.create(chantier=laval, indicator=total, year=year, source=source, value=1))


def test_validation_explains_a_duplicate_in_french(laval, source, total):
    Value.objects.create(chantier=laval, indicator=total, year=2020, source=source, value=100)
    duplicate = Value(chantier=laval, indicator=total, year=2020, source=source, value=100)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "Cette valeur existe déjà" in str(error.value)


def test_validation_refuses_a_sector_on_an_indicator_without_sectors(laval, source, total, transport):
    value = Value(chantier=laval, indicator=total, sector=transport, year=2020, source=source, value=1)
    with pytest.raises(ValidationError) as error:
        value.full_clean()
    assert "ne se décompose pas par secteur" in str(error.value)


def test_only_land_use_may_be_negative(laval, source, by_sector, transport, land_use):
    Value(chantier=laval, indicator=by_sector, sector=land_use, year=2020, source=source, value=-50).full_clean()
    with pytest.raises(ValidationError) as error:
        Value(chantier=laval, indicator=by_sector, sector=transport, year=2020, source=source, value=-5).full_clean()
    assert "ne peut pas être négatif" in str(error.value)


@pytest.fixture
def sqlite(django_db_blocker):
    """A SQLite database in memory holding the values' table as the model describes it, whatever the test database."""
    connection = ConnectionHandler({"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}})["default"]
    with django_db_blocker.unblock():
        with connection.schema_editor() as editor:
            editor.create_model(Value)
        connection.disable_constraint_checking()  # the other tables are not there: only this one's rules count
        yield connection.cursor()
        connection.close()


INSERT = (
    f"INSERT INTO {Value._meta.db_table} (chantier_id, indicator_id, sector_id, year, kind, source_id, value,"
    " is_example, created_at, updated_at) VALUES (1, 1, %s, %s, 'measured', 1, 1, 0, '2026-01-01', '2026-01-01')"
)


def test_sqlite_refuses_a_second_value_without_sector(sqlite):
    sqlite.execute(INSERT, [None, 2020])
    sqlite.execute(INSERT, [7, 2020])
    with pytest.raises(IntegrityError):
        sqlite.execute(INSERT, [None, 2020])
    with pytest.raises(IntegrityError):
        sqlite.execute(INSERT, [7, 2020])


def test_sqlite_refuses_a_year_out_of_range(sqlite):
    with pytest.raises(IntegrityError):
        sqlite.execute(INSERT, [None, 1989])


def test_validation_asks_for_the_sector_of_an_indicator_by_sector(laval, source, by_sector):
    value = Value(chantier=laval, indicator=by_sector, year=2020, source=source, value=1)
    with pytest.raises(ValidationError) as error:
        value.full_clean()
    assert "choisissez le secteur" in str(error.value)
