"""A coordinator's first day: the invitation, one password, the authenticator, and their Chantier."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from chantiers.invitations import coordinator_invite
from zen.accounts import totp_code

PASSWORD = "Un-mot-de-passe-solide-1"


@pytest.fixture
def inviter(program_staff):
    program_staff.first_name, program_staff.last_name = "Alex", "Martin"
    program_staff.save()
    return program_staff


def invite(laval, inviter, django_capture_on_commit_callbacks, language="fr", first_name="Nora"):
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_invite(
            email="nora@example.org",
            chantier=laval,
            invited_by=inviter,
            first_name=first_name,
            last_name="Roy",
            language=language,
        )
    return mail.outbox[-1]


def link_in(message) -> str:
    return re.search(
        r"https://zen\.example\.org/\S+/comptes/password/reset/key/\S+|https://zen\.example\.org/comptes/password/reset/key/\S+",
        message.body,
    ).group(0)


def test_the_invitation_greets_by_name_and_says_who_invited_to_what_until_when(
    laval, inviter, django_capture_on_commit_callbacks, settings
):
    message = invite(laval, inviter, django_capture_on_commit_callbacks)
    expires = timezone.localtime(timezone.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT))
    months = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ]
    assert message.subject == "Invitation à coordonner Laval ZéN sur Collectivités ZéN"
    assert message.body.startswith("Bonjour Nora,")
    assert "Alex Martin vous invite à coordonner Laval ZéN" in message.body
    assert f"jusqu’au {expires.day} {months[expires.month - 1]} {expires.year} à" in message.body
    html = message.alternatives[0][0]
    assert "Bonjour Nora," in html and "Alex Martin vous invite" in html
    assert link_in(message).startswith("https://zen.example.org/comptes/password/reset/key/")


def test_an_invitation_in_english_reads_english_and_its_link_opens_the_english_page(
    laval, inviter, django_capture_on_commit_callbacks, client
):
    message = invite(laval, inviter, django_capture_on_commit_callbacks, language="en")
    assert message.body.startswith("Hello Nora,")
    assert "Alex Martin invites you to coordinate Laval ZéN" in message.body
    link = link_in(message)
    assert link.startswith("https://zen.example.org/en/comptes/")
    page = client.get(link.removeprefix("https://zen.example.org"), follow=True)
    assert "Choose your password" in page.content.decode()


def test_without_a_first_name_the_invitation_still_says_hello(laval, inviter, django_capture_on_commit_callbacks):
    message = invite(laval, inviter, django_capture_on_commit_callbacks, first_name="")
    assert message.body.startswith("Bonjour,")


def test_from_the_link_to_the_chantier_with_one_password_and_one_code(
    client, laval, inviter, django_capture_on_commit_callbacks
):
    link = link_in(invite(laval, inviter, django_capture_on_commit_callbacks)).removeprefix("https://zen.example.org")

    page = client.get(link, follow=True)
    text = page.content.decode()
    assert "<h1>Choisir votre mot de passe</h1>" in text and "nora@example.org" in text
    form_url = page.redirect_chain[-1][0]
    chosen = client.post(form_url, {"password1": PASSWORD, "password2": PASSWORD}, follow=True)
    # Signed in, and sent straight to the authenticator set-up: no second password prompt.
    assert chosen.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    setup = chosen.content.decode()
    assert "Activer votre application d’authentification" in setup
    assert 'src="data:image/svg+xml;base64,' in setup  # the QR code, made here, not by a third party
    secret = re.search(r'id="authenticator-secret">([A-Z2-7]+)<', setup).group(1)

    done = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)}, follow=True)
    assert done.redirect_chain[-1][0] == reverse("admin:chantiers_chantier_change", args=[laval.pk])
    welcome = done.content.decode()
    assert "Bienvenue, Nora !" in welcome
    assert "Vous coordonnez <strong>Laval ZéN</strong>" in welcome
    assert reverse("admin:chantiers_chantier_roadmap", args=[laval.pk]) in welcome
    # Once only.
    assert "Bienvenue, Nora !" not in client.get(done.redirect_chain[-1][0]).content.decode()


def test_a_used_link_says_so_and_offers_a_new_one(client, laval, inviter, django_capture_on_commit_callbacks):
    link = link_in(invite(laval, inviter, django_capture_on_commit_callbacks)).removeprefix("https://zen.example.org")
    page = client.get(link, follow=True)
    client.post(page.redirect_chain[-1][0], {"password1": PASSWORD, "password2": PASSWORD})
    client.logout()

    again = client.get(link, follow=True).content.decode()
    assert "Ce lien ne fonctionne plus" in again
    assert "Il a déjà servi, ou il a expiré" in again
    assert f'href="{reverse("account_reset_password")}"' in again


def test_an_expired_link_says_so(client, laval, inviter, django_capture_on_commit_callbacks, settings):
    link = link_in(invite(laval, inviter, django_capture_on_commit_callbacks)).removeprefix("https://zen.example.org")
    settings.PASSWORD_RESET_TIMEOUT = -1
    assert "Ce lien ne fonctionne plus" in client.get(link, follow=True).content.decode()


def test_asking_for_a_new_link_sends_one_to_an_invited_person(
    client, laval, inviter, django_capture_on_commit_callbacks
):
    invite(laval, inviter, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "nora@example.org"})
    message = mail.outbox[-1]
    assert message.to == ["nora@example.org"]
    assert re.search(r"https://zen\.example\.org/comptes/password/reset/key/\S+", str(message.body))


def test_an_address_without_an_account_gets_no_email(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert mail.outbox == []


def test_a_sign_in_long_ago_still_asks_again_before_touching_the_second_factor(client, laval, settings):
    user = get_user_model().objects.create_user("late@example.org", "late@example.org", PASSWORD, is_staff=True)
    client.force_login(user)  # no sign-in of ours recorded in this session
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302 and reverse("account_reauthenticate") in response["Location"]
