"""The followers' digest: what changed and was published, in the follower's language; nothing changed, nothing sent."""

from datetime import date, timedelta
from typing import cast

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from chantiers.followers import digest, services
from chantiers.followers.models import Follower
from chantiers.models import Event, RoadmapAction, Theme
from partners.models import Organisation, Partnership


def html_of(message) -> str:
    content, _mimetype = cast(EmailMultiAlternatives, message).alternatives[0]
    return str(content)


def make_follower(chantier, email="camille@example.org", language="fr", frequency="weekly") -> Follower:
    follower = services.follower_subscribe(
        chantier=chantier, email=email, language=language, frequency=frequency, consent_text="J’accepte."
    )
    return services.follower_confirm(follower=follower)  # after the seed was loaded: that is not news


def send(django_capture_on_commit_callbacks, frequency="weekly") -> int:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        return digest.digests_send(frequency=frequency)


@pytest.fixture
def follower(laval):
    return make_follower(laval)


def test_nothing_changed_nothing_sent(laval, follower, django_capture_on_commit_callbacks):
    assert send(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []
    follower.refresh_from_db()
    assert timezone.now() - follower.digested_until < timedelta(minutes=1)  # the window moved on


def test_unpublished_changes_are_not_news(laval, follower, django_capture_on_commit_callbacks):
    theme = Theme.objects.current()[0]
    RoadmapAction.objects.create(chantier=laval, theme=theme, title_fr="Brouillon", is_published=False)
    Event.objects.create(chantier=laval, title_fr="Pas encore", start_date=date(2027, 1, 1), is_published=False)
    assert send(django_capture_on_commit_callbacks) == 0


def test_the_digest_says_what_was_added_moved_and_changed(laval, follower, django_capture_on_commit_callbacks):
    moving = laval.actions.filter(is_published=True).exclude(status="done").first()
    theme = Theme.objects.current()[0]
    RoadmapAction.objects.create(
        chantier=laval, theme=theme, title_fr="Verdir les cours d’école", is_published=True, status="planned"
    )
    old_status = moving.get_status_display()
    moving.status, moving.progress = "done", 100
    moving.save()
    phase = laval.phases.get(status="upcoming", order=2)
    phase.status = "done"
    phase.save()
    Event.objects.create(
        chantier=laval,
        title_fr="Corvée au parc",
        title_en="Park work party",
        status="confirmed",
        start_date=date(2027, 5, 1),
    )
    organisation = Organisation.objects.create(
        name="Voisins solidaires", slug="voisins-solidaires", kind="citizen_group"
    )
    Partnership.objects.create(organisation=organisation, chantier=laval, role="partner", is_public=True)

    assert send(django_capture_on_commit_callbacks) == 1
    (message,) = mail.outbox
    assert message.to == ["camille@example.org"] and message.subject == "Du nouveau dans Laval ZéN"
    body = message.body
    assert "Verdir les cours d’école" in body and "Planifiée, 0 %" in body
    assert f"{moving.title} ({moving.theme.name}) — {old_status} → Réalisée" in body and "→ 100 %" in body
    assert f"{phase.name} — À venir → Terminée" in body
    assert "Corvée au parc — 1er mai 2027" in body
    assert "Voisins solidaires" in body
    assert message.extra_headers["List-Unsubscribe"].startswith("<https://zen.example.org/suivre/desabonnement/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"/suivre/desabonnement/{follower.token}/" in body
    assert f"/suivre/preferences/{follower.token}/" in body
    html = html_of(message)
    assert "Se désabonner en un clic" in html and "Corvée au parc" in html

    # Sent once: the next run finds nothing new.
    assert send(django_capture_on_commit_callbacks) == 0


def test_the_digest_is_in_the_followers_language(laval, django_capture_on_commit_callbacks):
    make_follower(laval, email="alex@example.org", language="en")
    Event.objects.create(
        chantier=laval,
        title_fr="Corvée au parc",
        title_en="Park work party",
        status="confirmed",
        start_date=date(2027, 5, 1),
    )
    Event.objects.create(chantier=laval, title_fr="Forum citoyen", status="confirmed", start_date=date(2027, 6, 1))
    assert send(django_capture_on_commit_callbacks) == 1
    (message,) = mail.outbox
    assert message.subject == "News from Laval ZéN"
    assert "New events" in message.body and "Park work party" in message.body and "May 1, 2027" in message.body
    assert "Forum citoyen" in message.body  # no English yet: the French, marked as such in the HTML
    assert 'lang="fr">Forum citoyen</a>' in html_of(message)
    assert "/en/evenements/" in message.body and "/en/suivre/desabonnement/" in message.body


def test_an_event_moved_or_cancelled_is_news_a_description_edit_is_not(
    laval, follower, django_capture_on_commit_callbacks
):
    event = Event.objects.create(chantier=laval, title_fr="Corvée", status="confirmed", start_date=date(2027, 5, 1))
    send(django_capture_on_commit_callbacks)
    event.description_fr = "Apportez des gants."
    event.save()
    assert send(django_capture_on_commit_callbacks) == 0
    event.status = "cancelled"
    event.save()
    assert send(django_capture_on_commit_callbacks) == 1
    assert "Événements modifiés" in mail.outbox[0].body and "Corvée — Annulé" in mail.outbox[0].body


def test_weekly_and_immediate_followers_get_their_own_digest(laval, follower, django_capture_on_commit_callbacks):
    make_follower(laval, email="vite@example.org", frequency="immediate")
    Event.objects.create(chantier=laval, title_fr="Corvée", status="confirmed", start_date=date(2027, 5, 1))
    assert send(django_capture_on_commit_callbacks, frequency="immediate") == 1
    assert mail.outbox[0].to == ["vite@example.org"]
    assert send(django_capture_on_commit_callbacks, frequency="weekly") == 1
    assert mail.outbox[0].to == ["camille@example.org"]


def test_unconfirmed_followers_and_other_chantiers_followers_get_nothing(
    laval, lachine, django_capture_on_commit_callbacks
):
    services.follower_subscribe(
        chantier=laval, email="pending@example.org", language="fr", frequency="weekly", consent_text="J’accepte."
    )
    make_follower(lachine, email="lachine@example.org")
    Event.objects.create(chantier=laval, title_fr="Corvée", status="confirmed", start_date=date(2027, 5, 1))
    assert send(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_a_change_before_the_subscription_is_not_news(laval, django_capture_on_commit_callbacks):
    Event.objects.create(chantier=laval, title_fr="Corvée", status="confirmed", start_date=date(2027, 5, 1))
    follower = services.follower_subscribe(
        chantier=laval, email="nouveau@example.org", language="fr", frequency="weekly", consent_text="J’accepte."
    )
    services.follower_confirm(follower=follower)
    assert send(django_capture_on_commit_callbacks) == 0


def test_unsubscribing_forgets_a_digest_not_yet_sent(laval, follower):
    Event.objects.create(chantier=laval, title_fr="Corvée", status="confirmed", start_date=date(2027, 5, 1))
    from zen.outbox.models import OutboxEmail

    digest.digests_send(frequency="weekly")  # queued; the on-commit hand-over never runs in this test
    assert OutboxEmail.objects.filter(kind="follower-digest").count() == 1
    services.follower_unsubscribe(follower=follower)
    assert not OutboxEmail.objects.filter(to="camille@example.org").exists()


def test_new_figures_of_the_diagnostic_are_news_and_examples_say_so(laval, django_capture_on_commit_callbacks):
    from chantiers.diagnostic.models import Indicator, Source, Value

    french, english = make_follower(laval), make_follower(laval, email="sam@example.org", language="en")
    source = Source.objects.create(publisher="Ville de Laval", title_fr="Inventaire 2023", url="https://example.org")
    total = Indicator.objects.get(code="ges-total")
    Value.objects.create(chantier=laval, indicator=total, year=2023, kind="measured", source=source, value=1_700_000)
    Value.objects.create(
        chantier=laval, indicator=total, year=2030, kind="target", source=source, value=900_000, is_example=True
    )
    assert send(django_capture_on_commit_callbacks) == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    body = by_address[french.email].body
    assert "Nouvelles données du diagnostic" in body
    assert f"{total.name_fr}, 2023\n" in body  # a real figure, not labelled
    assert f"{total.name_fr}, 2030 (Exemple)" in body
    english_body = by_address[english.email].body
    assert "New figures in the diagnostic" in english_body
    assert f"{total.name_en or total.name_fr}, 2030 (Example)" in english_body
    assert "(Exemple)" in html_of(by_address[french.email])
