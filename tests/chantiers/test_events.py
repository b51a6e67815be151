"""Events: all-day or timed, in person or online, confirmed, tentative or cancelled — the database holds the rules."""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from pytest_django.asserts import assertContains

from chantiers.models import TORONTO, Event
from tests.admin_forms import admin_form_data


def refuses(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def event(chantier, **fields) -> Event:
    values = {"title": "Corvée", "status": "confirmed", "start_date": date(2027, 5, 1)} | fields
    return Event.objects.create(chantier=chantier, **values)


def test_an_all_day_event_has_dates_and_no_times(laval):
    refuses(lambda: event(laval, starts_at=datetime(2027, 5, 1, 18, tzinfo=TORONTO)))


def test_a_timed_event_has_times_and_no_dates(laval):
    refuses(lambda: event(laval, all_day=False))  # still has its start date
    timed = event(laval, all_day=False, start_date=None, starts_at=datetime(2027, 5, 1, 18, tzinfo=TORONTO))
    assert timed.year == 2027 and timed.is_dated


def test_an_event_ends_after_it_starts(laval):
    refuses(lambda: event(laval, end_date=date(2027, 4, 30)))
    refuses(lambda: event(laval, start_date=None, end_date=date(2027, 4, 30), status="tentative"))
    start = datetime(2027, 5, 1, 18, tzinfo=TORONTO)
    refuses(lambda: event(laval, all_day=False, start_date=None, starts_at=start, ends_at=start.replace(hour=17)))
    assert event(laval, title="Un jour", end_date=date(2027, 5, 1)).end_date == date(2027, 5, 1)


def test_a_confirmed_event_has_a_date_and_an_undated_one_is_tentative(laval):
    refuses(lambda: event(laval, start_date=None))
    undated = event(laval, start_date=None, status="tentative")
    assert not undated.is_dated


def test_in_person_needs_a_place_and_online_needs_a_link(laval):
    refuses(lambda: event(laval, attendance="in_person"))
    refuses(lambda: event(laval, attendance="online", place="Parc"))
    refuses(lambda: event(laval, attendance="hybrid", place="Parc"))
    refuses(lambda: event(laval, attendance="hybrid", online_url="https://meet.example.org/a"))
    hybrid = event(laval, attendance="hybrid", place="Parc", online_url="https://meet.example.org/a")
    assert hybrid.is_in_person and hybrid.is_online


def test_a_yearly_event_is_one_event_per_year(laval):
    event(laval, title="Semaine du climat", start_date=date(2027, 5, 1))
    refuses(lambda: event(laval, title="Semaine du climat", start_date=date(2027, 9, 1)))
    assert event(laval, title="Semaine du climat", start_date=date(2028, 5, 1)).year == 2028


def test_the_form_names_the_field_to_fix_in_french(laval):
    bad = Event(chantier=laval, title="Atelier", attendance="online", start_date=date(2027, 5, 1), year=2027)
    with pytest.raises(ValidationError) as error:
        bad.full_clean()
    assert "Indiquez le lien d’un événement en ligne ou hybride." in error.value.message_dict["online_url"]
    wrong_year = Event(chantier=laval, title="Atelier", start_date=date(2027, 5, 1), year=2026)
    with pytest.raises(ValidationError) as error:
        wrong_year.full_clean()
    assert "year" in error.value.message_dict


def test_the_calendar_sequence_grows_when_date_place_or_status_changes_only(laval):
    corvee = event(laval)
    assert corvee.sequence == 0
    corvee.description = "Apportez des gants."
    corvee.save()
    assert corvee.sequence == 0
    corvee.start_date = date(2027, 5, 2)
    corvee.save()
    corvee.attendance, corvee.place = "in_person", "Parc des Prairies"
    corvee.save()
    corvee.status = "cancelled"
    corvee.save()
    corvee.refresh_from_db()
    assert corvee.sequence == 3


def test_upcoming_and_past_read_both_kinds_of_dates(laval):
    today = date(2027, 5, 10)
    past = event(laval, title="Passé", start_date=date(2027, 5, 1), end_date=date(2027, 5, 9))
    running = event(laval, title="En cours", start_date=date(2027, 5, 8), end_date=date(2027, 5, 12))
    evening = event(
        laval, title="Soirée", all_day=False, start_date=None, starts_at=datetime(2027, 5, 10, 19, tzinfo=TORONTO)
    )
    undated = event(laval, title="Plus tard", start_date=None, status="tentative")
    mine = Event.objects.filter(pk__in=[past.pk, running.pk, evening.pk, undated.pk])
    assert list(mine.upcoming(today)) == [running, evening, undated]
    assert list(mine.past(today)) == [past]


def test_a_coordinator_adds_a_timed_online_event_to_their_chantier_and_its_history_is_kept(client, owner, laval):
    client.force_login(owner)
    add = reverse("admin:chantiers_event_add")
    data = admin_form_data(client.get(add))
    data.update(
        chantier=laval.pk,
        title_fr="Atelier en ligne",
        status="confirmed",
        all_day="",
        starts_at_0="2027-05-01",
        starts_at_1="18:30",
        ends_at_0="2027-05-01",
        ends_at_1="20:00",
        attendance="online",
        online_url="https://meet.example.org/atelier",
    )
    data.pop("all_day")
    response = client.post(add, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    created = Event.objects.get(title_fr="Atelier en ligne")
    assert created.chantier == laval and created.year == 2027
    assert created.starts_at == datetime(2027, 5, 1, 18, 30, tzinfo=TORONTO)
    assert created.history.count() == 1


def test_the_admin_explains_a_missing_link(client, owner, laval):
    client.force_login(owner)
    add = reverse("admin:chantiers_event_add")
    data = admin_form_data(client.get(add))
    data.update(chantier=laval.pk, title_fr="Atelier", start_date="2027-05-01", attendance="online", all_day="on")
    response = client.post(add, data)
    assertContains(response, "Indiquez le lien d’un événement en ligne ou hybride.")
    assert not Event.objects.filter(title_fr="Atelier").exists()
