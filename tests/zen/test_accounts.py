"""Staff sign in by email through allauth, with a second factor, by invitation only."""

import io
import re

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from pytest_django.asserts import assertContains

from chantiers.models import Coordinator
from tests.conftest import TOTP_SECRET
from zen.accounts import totp_code
from zen.outbox.models import OutboxEmail


def verified(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def sign_in(client, email, password="password"):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_the_admin_login_page_goes_through_allauth(client, db):
    response = client.get(reverse("admin:login") + "?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_password_then_code_opens_the_admin_and_a_wrong_code_does_not(client, owner):
    verified(owner)
    response = sign_in(client, "owner@example.org")
    assert response["Location"] == reverse("mfa_authenticate")
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200 and "Code incorrect" in wrong.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302  # not signed in yet
    client.post(reverse("mfa_authenticate"), {"code": totp_code(TOTP_SECRET)})
    assert client.get(reverse("admin:index")).status_code == 200


def test_staff_without_a_second_factor_are_sent_to_set_one_up(client, laval):
    user = verified(
        get_user_model().objects.create_user("new@example.org", "new@example.org", "password", is_staff=True)
    )
    client.force_login(user)
    response = client.get(reverse("admin:chantiers_chantier_changelist"))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")


def test_repeated_failures_are_rate_limited(client, owner):
    verified(owner)
    for _ in range(5):
        assert sign_in(client, "owner@example.org", "wrong").status_code == 200
    response = sign_in(client, "owner@example.org", "wrong")
    assert response.status_code == 429 or "Trop de tentatives" in response.content.decode()
    # Even the right password is refused until the window has passed.
    assert "mfa" not in (sign_in(client, "owner@example.org").get("Location") or "")


def test_nobody_signs_up(client, db):
    response = client.get(reverse("account_signup"))
    assert "Inscriptions fermées" in response.content.decode() or response.status_code in {403, 404}
    client.post(
        reverse("account_signup"), {"email": "x@example.org", "password1": "Zx9!vbn-long", "password2": "Zx9!vbn-long"}
    )
    assert not get_user_model().objects.filter(email="x@example.org").exists()


def test_password_reset_goes_through_the_outbox(client, owner, django_capture_on_commit_callbacks):
    verified(owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "owner@example.org"})
    email = OutboxEmail.objects.get(to="owner@example.org")
    assert email.status == "sent"
    assert "/comptes/password/reset/key/" in mail.outbox[0].body


def test_program_staff_invite_a_coordinator_who_chooses_a_password(
    client, program_staff, laval, django_capture_on_commit_callbacks
):
    client.force_login(program_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:chantiers_coordinator_invite"),
            {
                "email": "Nouvelle@Example.org",
                "first_name": "Nora",
                "last_name": "Roy",
                "chantier": laval.pk,
                "language": "fr",
            },
        )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="nouvelle@example.org")
    assert user.is_staff and not user.has_usable_password()
    assert Coordinator.objects.filter(user=user, chantier=laval).exists()
    invitation = mail.outbox[-1]
    assert invitation.to == ["nouvelle@example.org"] and "Laval ZéN" in invitation.subject
    link = re.search(r"http\S+/comptes/password/reset/key/\S+", str(invitation.body)).group(0)

    visitor = client.__class__()
    page = visitor.get(link, follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    visitor.post(form_url, {"password1": "Un-mot-de-passe-solide-1", "password2": "Un-mot-de-passe-solide-1"})
    user.refresh_from_db()
    assert user.check_password("Un-mot-de-passe-solide-1")


def test_coordinators_cannot_invite(client, owner, laval):
    client.force_login(owner)
    assertContains(client.get(reverse("admin:chantiers_coordinator_invite")), "Accès refusé", status_code=403)
    client.post(reverse("admin:chantiers_coordinator_invite"), {"email": "ami@example.org", "chantier": laval.pk})
    assert not get_user_model().objects.filter(email="ami@example.org").exists()


def test_totp_codes_follow_rfc_6238():
    secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # the RFC's SHA-1 key, "12345678901234567890"
    assert [totp_code(secret, at) for at in (59, 1111111109, 2000000000)] == ["287082", "081804", "279037"]


def test_a_coordinator_enters_the_demo_code_that_make_code_prints(client, seeded, settings):
    settings.DEBUG = True
    call_command("demo_accounts", stdout=io.StringIO())
    code = io.StringIO()
    call_command("demo_accounts", "--code", stdout=code)
    settings.DEBUG = False
    response = sign_in(client, "coordination.laval@zen.example.org", "demo-zen-2026")
    assert response["Location"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": code.getvalue().strip()})
    page = client.get(reverse("admin:index"))
    assert page.status_code == 200 and "Gestion des Chantiers" in page.content.decode()


def test_staff_without_a_second_factor_may_still_sign_out_of_the_admin(client, laval):
    user = verified(
        get_user_model().objects.create_user("new@example.org", "new@example.org", "password", is_staff=True)
    )
    client.force_login(user)
    response = client.post(reverse("admin:logout"))
    assert response.status_code == 200 and "_auth_user_id" not in client.session
