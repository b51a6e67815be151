"""Following a Chantier by email: double opt-in, consent kept, bad input changes nothing, unsubscribe in one click."""

import re
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from chantiers.followers import services
from chantiers.followers.forms import started_token
from chantiers.followers.models import Follower
from zen.outbox.models import OutboxEmail


@pytest.fixture(autouse=True)
def no_minimum_time(settings):
    settings.FOLLOW_MIN_SECONDS = 0


def follow_data(**overrides) -> dict:
    return {
        "email": "camille@example.org",
        "frequency": "weekly",
        "language": "fr",
        "consent": "on",
        "fax_number": "",
        "started": started_token(),
        **overrides,
    }


def follow(client, chantier, django_capture_on_commit_callbacks, **overrides):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("followers:follow", args=[chantier.slug]), follow_data(**overrides))


def link(body: str, name: str) -> str:
    return re.search(rf"https://zen\.example\.org(/(?:en/)?suivre/{name}/[^/\s]+/)", body).group(1)


def test_the_chantier_page_offers_to_follow_it_and_the_full_form_asks_for_consent(client, laval):
    page = client.get(laval.get_absolute_url())
    start = reverse("followers:follow-start", args=[laval.slug])
    assertContains(page, f'action="{start}"')
    assertNotContains(page, "csrfmiddlewaretoken")  # the cached page holds no one's token
    full = client.post(start, {"email": "camille@example.org"})
    assertContains(full, 'value="camille@example.org"')
    assertContains(full, "J’accepte de recevoir par courriel les nouvelles de ce Chantier")
    assertContains(full, "csrfmiddlewaretoken")
    assert not Follower.objects.exists()


def test_subscribing_sends_only_a_confirmation_and_records_the_consent(
    client, laval, django_capture_on_commit_callbacks
):
    response = follow(client, laval, django_capture_on_commit_callbacks)
    assertContains(response, "Vérifiez vos courriels")
    follower = Follower.objects.get()
    assert (follower.email, follower.chantier, follower.confirmed_at) == ("camille@example.org", laval, None)
    assert follower.consent_text.startswith("J’accepte de recevoir par courriel les nouvelles de ce Chantier")
    assert timezone.now() - follower.consented_at < timedelta(minutes=1)
    (message,) = mail.outbox
    assert message.to == ["camille@example.org"] and "Confirmez votre abonnement" in message.subject
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"] == (
        f"<https://zen.example.org{reverse('followers:unsubscribe', args=[follower.token])}>"
    )


def test_the_confirmation_link_asks_for_one_click_then_starts_the_subscription(
    client, laval, django_capture_on_commit_callbacks
):
    follow(client, laval, django_capture_on_commit_callbacks)
    url = link(str(mail.outbox[0].body), "confirmer")
    page = client.get(url)  # a link checker opening it confirms nothing
    assertContains(page, "Oui, je confirme")
    assert Follower.objects.get().confirmed_at is None
    assertContains(client.post(url), "Abonnement confirmé")
    follower = Follower.objects.get()
    assert follower.confirmed_at is not None and follower.digested_until == follower.confirmed_at


def test_an_english_visitor_gets_english_email_and_consent(client, laval, django_capture_on_commit_callbacks):
    url = reverse("followers:follow", args=[laval.slug])
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en" + url, follow_data(language="en"))
    follower = Follower.objects.get()
    assert follower.language == "en" and follower.consent_text.startswith("I agree to receive")
    (message,) = mail.outbox
    assert "Confirm your subscription" in message.subject
    assert "/en/suivre/confirmer/" in message.body


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": "pas-une-adresse"}, "Saisissez une adresse de courriel valide."),
        ({"consent": ""}, "sans votre accord, rien n’est envoyé"),
        ({"fax_number": "spam"}, "Laissez ce champ vide."),
        ({"started": "1700000000.0:forged"}, "Ce formulaire a expiré."),
        ({"frequency": "hourly"}, "Sélectionnez un choix valide"),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(
    client, laval, django_capture_on_commit_callbacks, overrides, message
):
    response = follow(client, laval, django_capture_on_commit_callbacks, **overrides)
    assertContains(response, message, status_code=400)
    assert not Follower.objects.exists() and not mail.outbox


def test_a_form_sent_too_fast_is_refused(client, laval, settings, django_capture_on_commit_callbacks):
    settings.FOLLOW_MIN_SECONDS = 3
    response = follow(client, laval, django_capture_on_commit_callbacks)
    assertContains(response, "Le formulaire a été envoyé très vite.", status_code=400)
    assert not Follower.objects.exists()


def test_a_second_subscription_changes_nothing_and_says_so(client, laval, django_capture_on_commit_callbacks):
    follow(client, laval, django_capture_on_commit_callbacks)
    again = follow(client, laval, django_capture_on_commit_callbacks, email="CAMILLE@example.org", language="en")
    assertContains(again, "Cette adresse suit déjà ce Chantier", status_code=400)
    assert Follower.objects.get().language == "fr" and len(mail.outbox) == 1


def test_the_same_address_may_follow_another_chantier(client, laval, lachine, django_capture_on_commit_callbacks):
    follow(client, laval, django_capture_on_commit_callbacks)
    follow(client, lachine, django_capture_on_commit_callbacks)
    assert Follower.objects.count() == 2


def test_subscriptions_are_rate_limited_per_address_and_per_client(
    client, laval, lachine, settings, django_capture_on_commit_callbacks
):
    settings.FOLLOW_ADDRESS_RATE_LIMIT = 1
    follow(client, laval, django_capture_on_commit_callbacks)
    limited = follow(client, lachine, django_capture_on_commit_callbacks)
    assertContains(limited, "Trop de demandes d’abonnement", status_code=429)
    settings.FOLLOW_ADDRESS_RATE_LIMIT, settings.FOLLOW_RATE_LIMIT = 100, 3  # this client has asked twice already
    follow(client, lachine, django_capture_on_commit_callbacks, email="a@example.org")
    limited = follow(client, lachine, django_capture_on_commit_callbacks, email="b@example.org")
    assert limited.status_code == 429
    assert Follower.objects.count() == 2


def test_a_forged_or_expired_confirmation_link_is_refused(client, laval, django_capture_on_commit_callbacks, settings):
    follow(client, laval, django_capture_on_commit_callbacks)
    follower = Follower.objects.get()
    forged = reverse("followers:confirm", args=[follower.token + ":forged"])
    assertContains(client.post(forged), "Ce lien n’est pas valide", status_code=400)
    old = signing.TimestampSigner(salt=services.CONFIRM_SALT)
    token = old.sign(follower.token)
    settings.FOLLOW_CONFIRM_DAYS = 0
    expired = client.post(reverse("followers:confirm", args=[token]))
    assertContains(expired, "Ce lien de confirmation a expiré", status_code=400)
    assert Follower.objects.get().confirmed_at is None


@pytest.fixture
def confirmed(laval):
    follower = services.follower_subscribe(
        chantier=laval, email="camille@example.org", language="fr", frequency="weekly", consent_text="J’accepte."
    )
    return services.follower_confirm(follower=follower)


def test_one_click_unsubscribe_needs_no_session_nor_csrf_and_erases_everything(client, confirmed):
    client.handler.enforce_csrf_checks = True
    url = reverse("followers:unsubscribe", args=[confirmed.token])
    assert OutboxEmail.objects.filter(to="camille@example.org").exists()
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assertContains(response, "Vous êtes désabonné")
    assert not Follower.objects.exists()
    assert not OutboxEmail.objects.filter(to="camille@example.org").exists()
    assert client.post(url).status_code == 200  # twice is fine
    assertContains(client.get(url), "Déjà désabonné", status_code=404)


def test_the_unsubscribe_link_shows_a_button_first(client, confirmed):
    page = client.get(reverse("followers:unsubscribe", args=[confirmed.token]))
    assertContains(page, "Me désabonner")
    assert Follower.objects.exists()


def test_a_follower_changes_language_and_frequency_from_a_link(client, confirmed):
    url = reverse("followers:preferences", args=[confirmed.token])
    assertContains(client.get(url), "Vos préférences")
    assertContains(client.post(url, {"language": "en", "frequency": "immediate"}), "Préférences enregistrées")
    confirmed.refresh_from_db()
    assert (confirmed.language, confirmed.frequency) == ("en", "immediate")
    assertContains(client.post(url, {"language": "de", "frequency": "weekly"}), "Rien n’a changé", status_code=400)
    assert client.get(reverse("followers:preferences", args=["nobody"])).status_code == 400


def test_the_erasure_job_forgets_expired_requests_and_followers_past_retention(laval, confirmed, settings):
    pending = services.follower_subscribe(
        chantier=laval, email="dominique@example.org", language="fr", frequency="weekly", consent_text="J’accepte."
    )
    assert services.followers_erase_expired() == 0
    Follower.objects.filter(pk=pending.pk).update(created_at=timezone.now() - timedelta(days=8))
    assert services.followers_erase_expired() == 1
    assert list(Follower.objects.all()) == [confirmed]
    later = timezone.now() + timedelta(days=settings.FOLLOWER_RETENTION_DAYS + 1)
    assert services.followers_erase_expired(now=later) == 1
    assert not Follower.objects.exists()


def test_staff_see_follower_counts_and_coordinators_no_addresses(client, program_staff, owner, laval, confirmed):
    services.follower_subscribe(
        chantier=laval, email="pending@example.org", language="fr", frequency="weekly", consent_text="J’accepte."
    )
    client.force_login(program_staff)
    changelist = client.get(reverse("admin:chantiers_chantier_changelist"))
    assertContains(changelist, "Abonnés")
    laval_row = next(row for row in changelist.context["cl"].result_list if row.pk == laval.pk)
    assert laval_row.follower_total == 1  # confirmed only
    assertNotContains(changelist, "camille@example.org")
    client.force_login(owner)
    for url in [
        reverse("admin:chantiers_chantier_changelist"),
        reverse("admin:chantiers_chantier_change", args=[laval.pk]),
    ]:
        assertNotContains(client.get(url), "camille@example.org")
    assert client.get("/admin/followers/follower/").status_code == 404


def test_the_events_page_short_form_leads_to_the_form_with_its_chantier_chosen(client, laval):
    start = reverse("followers:follow-any-start")
    full = client.post(start, {"chantier": laval.slug, "email": "camille@example.org"})
    assertContains(full, f'<option value="{laval.pk}" selected>')
    assertContains(client.post(start, {"chantier": "\x00", "email": "\x00"}), "Chantier à suivre")
    assert not Follower.objects.exists()
