"""The coordinators' Monday digest: what needs them this week, each with its link in the admin."""

from datetime import date, timedelta

from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from chantiers.models import RoadmapAction
from partners import services
from tests.conftest import make_application


def send(django_capture_on_commit_callbacks, now=None) -> int:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        return services.coordinators_send_digest(now=now)


def test_nothing_to_say_sends_nothing(owner, django_capture_on_commit_callbacks):
    assert send(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_the_digest_lists_what_needs_the_coordinators_with_links(
    owner, colleague, laval, django_capture_on_commit_callbacks, settings
):
    application = make_application(laval, organisation_name="Vélo Québec")
    stale = laval.actions.get(title="Cartographier les bois et corridors écologiques à protéger")
    long_ago = timezone.now() - timedelta(weeks=settings.DIGEST_STALE_ACTION_WEEKS + 1)
    RoadmapAction.objects.filter(pk=stale.pk).update(updated_at=long_ago)
    done = laval.actions.filter(status="done").first() or laval.actions.exclude(pk=stale.pk).first()
    RoadmapAction.objects.filter(pk=done.pk).update(status="done", updated_at=long_ago)  # finished: not stale
    today = timezone.localdate()
    first = laval.phases.get(order=1)
    first.start_date, first.end_date = today - timedelta(days=60), today - timedelta(days=3)
    first.save()
    event = laval.events.first()
    event.start_date, event.place = today + timedelta(days=5), "Centre Alain-Grandbois"
    event.save()

    assert send(django_capture_on_commit_callbacks) == 2
    digest = mail.outbox[0]
    assert sorted(message.to[0] for message in mail.outbox) == ["colleague@example.org", "owner@example.org"]
    assert digest.subject == "Laval ZéN : votre point de la semaine"
    body = digest.body
    assert "1 demande de partenariat attend votre réponse" in body
    assert f"https://zen.example.org/admin/partners/partnerapplication/{application.pk}/change/" in body
    assert f"1 action n’a pas été mise à jour depuis plus de {settings.DIGEST_STALE_ACTION_WEEKS} semaines" in body
    assert "Cartographier les bois" in body and done.title not in body
    assert f"https://zen.example.org/admin/chantiers/roadmapaction/{stale.pk}/change/" in body
    assert "1 phase a passé ses dates" in body and "Rassembler les forces vives (En cours, fin prévue le" in body
    assert f"https://zen.example.org/admin/chantiers/chantier/{laval.pk}/change/" in body
    assert "Événements à venir" in body and "Centre Alain-Grandbois" in body
    assert f"https://zen.example.org/admin/chantiers/event/{event.pk}/change/" in body
    assert isinstance(digest, EmailMultiAlternatives)
    html = str(digest.alternatives[0][0])
    assert f'href="https://zen.example.org/admin/chantiers/event/{event.pk}/change/"' in html


def test_events_far_ahead_and_past_ones_are_left_out(owner, laval, django_capture_on_commit_callbacks, settings):
    event = laval.events.first()
    event.start_date = timezone.localdate() + timedelta(days=settings.DIGEST_UPCOMING_EVENT_DAYS + 1)
    event.save()
    other = laval.events.last()
    other.start_date = date(2020, 1, 1)
    other.save()
    assert send(django_capture_on_commit_callbacks) == 0


def test_a_chantier_without_coordinators_hears_only_of_its_applications(lachine, django_capture_on_commit_callbacks):
    make_application(lachine)
    stale = lachine.actions.first()
    RoadmapAction.objects.filter(pk=stale.pk).update(updated_at=timezone.now() - timedelta(weeks=52))
    assert send(django_capture_on_commit_callbacks) == 1
    (digest,) = mail.outbox
    assert digest.to == [lachine.contact_email]
    assert "1 demande de partenariat" in digest.body and stale.title not in digest.body


def test_beat_sends_the_digest_on_monday_mornings(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["coordinators-digest"]
    assert entry["task"] == "partners.tasks.send_coordinators_digest"
    assert entry["schedule"].day_of_week == {1} and entry["schedule"].hour == {8}
