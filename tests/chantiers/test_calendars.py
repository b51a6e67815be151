"""The iCalendar feeds, parsed back with icalendar: one event, one Chantier, every Chantier."""

from datetime import date, datetime, timedelta

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from chantiers.models import TORONTO, Event


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar: icalendar.Calendar) -> dict[str, icalendar.Component]:
    return {str(component["summary"]): component for component in calendar.walk("VEVENT")}


@pytest.fixture
def soon():
    return timezone.localdate() + timedelta(days=20)


@pytest.fixture
def atelier(laval, soon):
    return Event.objects.create(
        chantier=laval,
        title_fr="Atelier mobilité",
        title_en="Mobility workshop",
        description_fr="Venez parler vélo.",
        status="confirmed",
        all_day=False,
        starts_at=datetime.combine(soon, datetime.min.time(), TORONTO).replace(hour=18, minute=30),
        ends_at=datetime.combine(soon, datetime.min.time(), TORONTO).replace(hour=20),
        attendance="online",
        online_url="https://meet.example.org/mobilite",
        registration_url="https://inscription.example.org/mobilite",
        registration_deadline=soon - timedelta(days=2),
    )


@pytest.fixture
def semaine(laval, soon):
    return Event.objects.create(
        chantier=laval,
        title_fr="Semaine d’actions",
        status="confirmed",
        start_date=soon,
        end_date=soon + timedelta(days=6),
        attendance="in_person",
        place_fr="Place Bell, Laval",
    )


def test_a_timed_online_event_has_its_time_zone_link_and_registration(client, atelier):
    calendar = parse(client.get(reverse("chantiers:event-ics", args=[atelier.pk])))
    assert calendar["version"] == "2.0" and calendar["prodid"]
    (timezone_block,) = calendar.walk("VTIMEZONE")
    assert timezone_block["tzid"] == "America/Toronto"
    (vevent,) = calendar.walk("VEVENT")
    assert vevent["uid"] == f"event-{atelier.pk}@collectivites-zen"
    start = vevent.decoded("dtstart")
    assert start == atelier.starts_at and str(start.tzinfo) == "America/Toronto"
    assert vevent["dtstart"].params["TZID"] == "America/Toronto"
    assert vevent.decoded("dtend") == atelier.ends_at
    assert vevent["location"] == "https://meet.example.org/mobilite"
    description = str(vevent["description"])
    assert "Venez parler vélo." in description
    assert f"https://zen.example.org{atelier.get_absolute_url()}" in description
    assert "Inscription : https://inscription.example.org/mobilite" in description
    assert str(vevent["url"]) == f"https://zen.example.org{atelier.get_absolute_url()}"
    assert vevent["status"] == "CONFIRMED" and vevent["sequence"] == 0


def test_an_all_day_event_has_dates_and_an_exclusive_end(client, semaine, soon):
    (vevent,) = parse(client.get(reverse("chantiers:event-ics", args=[semaine.pk]))).walk("VEVENT")
    assert vevent.decoded("dtstart") == soon and not isinstance(vevent.decoded("dtstart"), datetime)
    assert vevent["dtstart"].params.get("VALUE") == "DATE"
    assert vevent.decoded("dtend") == soon + timedelta(days=7)  # the day after the last
    assert vevent["location"] == "Place Bell, Laval"


def test_the_uid_stays_and_the_sequence_grows_when_date_or_place_change(client, semaine, soon):
    url = reverse("chantiers:event-ics", args=[semaine.pk])
    (first,) = parse(client.get(url)).walk("VEVENT")
    semaine.description_fr = "Programme détaillé à venir."
    semaine.save()
    (same,) = parse(client.get(url)).walk("VEVENT")
    assert same["sequence"] == first["sequence"] == 0
    semaine.start_date = soon + timedelta(days=1)
    semaine.save()
    semaine.place_fr = "Centre de la nature, Laval"
    semaine.save()
    (moved,) = parse(client.get(url)).walk("VEVENT")
    assert moved["uid"] == first["uid"]
    assert moved["sequence"] == 2
    assert moved["location"] == "Centre de la nature, Laval"


def test_a_cancelled_event_stays_in_the_feed_marked_cancelled(client, semaine):
    semaine.status = "cancelled"
    semaine.save()
    (vevent,) = parse(client.get(reverse("chantiers:event-ics", args=[semaine.pk]))).walk("VEVENT")
    assert vevent["status"] == "CANCELLED" and vevent["sequence"] == 1
    assert str(vevent["summary"]).startswith("Annulé : ")


def test_the_chantier_and_program_feeds_hold_the_dated_published_events(client, laval, lachine, atelier, semaine):
    Event.objects.create(
        chantier=laval, title_fr="Brouillon", status="confirmed", start_date=date(2027, 1, 1), is_published=False
    )
    Event.objects.create(chantier=lachine, title_fr="Marche", status="confirmed", start_date=date(2027, 1, 2))
    laval_feed = vevents(parse(client.get(reverse("chantiers:chantier-events-ics", args=[laval.slug]))))
    # The seed's two weeks have no dates yet: not in calendars until a coordinator sets them.
    assert set(laval_feed) == {"Atelier mobilité", "Semaine d’actions"}
    everything = vevents(parse(client.get(reverse("chantiers:events-ics"))))
    assert set(everything) == {"Atelier mobilité", "Semaine d’actions", "Marche"}
    assert [str(c) for c in everything["Marche"]["categories"].cats] == ["ClimAction Lachine"]


def test_an_english_feed_speaks_english_with_english_links(client, atelier):
    url, page = reverse("chantiers:event-ics", args=[atelier.pk]), atelier.get_absolute_url()
    (vevent,) = parse(client.get("/en" + url)).walk("VEVENT")
    assert vevent["summary"] == "Mobility workshop"
    assert f"https://zen.example.org/en{page}" in str(vevent["description"])
    assert "Registration: https://inscription.example.org/mobilite" in str(vevent["description"])


def test_pages_offer_webcal_links_and_explain_subscribing(client, laval, atelier):
    page = client.get(reverse("chantiers:chantier-events", args=[laval.slug])).content.decode()
    assert f'href="webcal://zen.example.org{reverse("chantiers:chantier-events-ics", args=[laval.slug])}"' in page
    assert "Comment s’abonner à un calendrier ?" in page
    everything = client.get(reverse("chantiers:events")).content.decode()
    assert f'href="webcal://zen.example.org{reverse("chantiers:events-ics")}"' in everything


def test_an_unpublished_event_has_no_feed(client, atelier):
    atelier.is_published = False
    atelier.save()
    assert client.get(reverse("chantiers:event-ics", args=[atelier.pk])).status_code == 404
