"""The public event pages: a Chantier's upcoming and past events, all upcoming ones with filters, each event."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from chantiers.models import TORONTO, Event


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def laval_events(laval, today):
    return {
        "corvee": Event.objects.create(
            chantier=laval,
            title_fr="Corvée de verdissement",
            title_en="Greening work party",
            status="confirmed",
            start_date=today + timedelta(days=10),
            attendance="in_person",
            place_fr="Parc des Prairies",
        ),
        "atelier": Event.objects.create(
            chantier=laval,
            title_fr="Atelier sur la mobilité",
            status="cancelled",
            all_day=False,
            starts_at=datetime.combine(today + timedelta(days=3), datetime.min.time(), TORONTO).replace(hour=19),
            attendance="online",
            online_url="https://meet.example.org/mobilite",
        ),
        "passe": Event.objects.create(
            chantier=laval, title_fr="Forum de lancement", status="confirmed", start_date=today - timedelta(days=30)
        ),
        "brouillon": Event.objects.create(
            chantier=laval, title_fr="Brouillon", status="confirmed", start_date=today, is_published=False
        ),
    }


def test_a_chantiers_events_page_lists_upcoming_then_past(client, laval, laval_events):
    page = client.get(reverse("chantiers:chantier-events", args=[laval.slug]))
    text = page.content.decode()
    assert page.status_code == 200
    upcoming, past = text.split("<h2>Passés</h2>")
    assert "Corvée de verdissement" in upcoming and "Atelier sur la mobilité" in upcoming
    assert upcoming.index("Atelier sur la mobilité") < upcoming.index("Corvée de verdissement")  # soonest first
    assert "Première semaine d’actions climatiques participatives" in upcoming  # the seed's, dates à venir
    assert "Forum de lancement" in past and "Forum de lancement" not in upcoming
    assert "Brouillon" not in text


def test_a_cancelled_event_stays_listed_and_says_so(client, laval, laval_events):
    page = client.get(reverse("chantiers:events"))
    assertContains(page, "Atelier sur la mobilité")
    assertContains(page, '<strong class="badge badge--cancelled">Annulé</strong>', html=True)
    event_page = client.get(laval_events["atelier"].get_absolute_url())
    assertContains(event_page, "Cet événement est annulé.")


def test_the_chantier_page_shows_its_upcoming_events_and_links_to_the_rest(client, laval, laval_events):
    page = client.get(laval.get_absolute_url())
    assertContains(page, "Corvée de verdissement")
    assertNotContains(page, "Forum de lancement")
    assertContains(page, reverse("chantiers:chantier-events", args=[laval.slug]))


def test_the_events_page_filters_by_chantier_region_and_theme(client, laval, lachine, laval_events, today):
    Event.objects.create(chantier=lachine, title_fr="Marche exploratoire", status="confirmed", start_date=today)
    url = reverse("chantiers:events")
    everything = client.get(url).content.decode()
    assert "Marche exploratoire" in everything and "Corvée de verdissement" in everything

    only_lachine = client.get(url, {"chantier": lachine.slug}).content.decode()
    assert "Marche exploratoire" in only_lachine and "Corvée de verdissement" not in only_lachine

    laval_region = laval.regions.first()
    in_laval = client.get(url, {"region": laval_region.slug}).content.decode()
    assert "Corvée de verdissement" in in_laval and "Marche exploratoire" not in in_laval

    theme = laval.actions.filter(is_published=True).first().theme
    lachine.actions.filter(theme=theme).update(is_published=False)
    by_theme = client.get(url, {"theme": theme.slug}).content.decode()
    assert "Corvée de verdissement" in by_theme and "Marche exploratoire" not in by_theme


@pytest.mark.parametrize("name", ["chantier", "region", "theme"])
def test_a_bad_filter_gets_a_400_that_says_so(client, seeded, name):
    page = client.get(reverse("chantiers:events"), {name: "n’existe-pas"})
    assertContains(page, "Un filtre n’est pas valide : corrigez-le pour voir les événements.", status_code=400)
    assertContains(page, "Sélectionnez un choix valide", status_code=400)
    english = client.get("/en" + reverse("chantiers:events"), {name: "\x00"})
    assert english.status_code == 400
    assertContains(english, "A filter is not valid: correct it to see the events.", status_code=400)


def test_an_event_page_says_when_where_and_how_to_register(client, laval, laval_events, today):
    corvee = laval_events["corvee"]
    corvee.registration_url = "https://inscription.example.org/corvee"
    corvee.registration_deadline = today + timedelta(days=8)
    corvee.save()
    page = client.get(corvee.get_absolute_url())
    assertContains(page, "<h1>Corvée de verdissement</h1>", html=True)
    assertContains(page, "Parc des Prairies")
    assertContains(page, 'href="https://inscription.example.org/corvee"')
    assertContains(page, f"webcal://zen.example.org{reverse('chantiers:event-ics', args=[corvee.pk])}")
    timed = client.get(laval_events["atelier"].get_absolute_url())
    assertContains(timed, "19:00")  # in Québec's time
    assertContains(timed, "heure du Québec")


def test_an_event_page_in_english(client, laval, laval_events):
    translated_url, untranslated_url = (laval_events[name].get_absolute_url() for name in ["corvee", "passe"])
    page = client.get("/en" + translated_url)
    assertContains(page, "<h1>Greening work party</h1>", html=True)
    assertContains(page, "In person")
    untranslated = client.get("/en" + untranslated_url)
    assertContains(untranslated, '<h1 lang="fr">Forum de lancement</h1>', html=True)


def test_unpublished_events_and_those_of_unpublished_chantiers_are_not_found(client, laval, laval_events):
    assert client.get(laval_events["brouillon"].get_absolute_url()).status_code == 404
    laval.is_published = False
    laval.save()
    assert client.get(laval_events["corvee"].get_absolute_url()).status_code == 404
    assert "Corvée de verdissement" not in client.get(reverse("chantiers:events")).content.decode()


def test_an_undated_event_says_dates_to_come(client, laval):
    event = laval.events.get(title_fr__startswith="Première semaine")
    page = client.get(event.get_absolute_url())
    assertContains(page, "Dates à venir")
    assertContains(page, "À confirmer")
    assertContains(page, "entrera dans les calendriers dès que ses dates seront fixées")
    assert event.year == date.today().year or event.year == timezone.localdate().year
