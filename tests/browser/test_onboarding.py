"""An invited coordinator's first day, walked as a person would: from the email's link to a first saved edit."""

import re

from django.core import mail
from playwright.sync_api import expect

from chantiers.invitations import coordinator_invite
from chantiers.models import Chantier
from zen.accounts import totp_code

SITE_URL = "https://zen.example.org"  # tests/settings.py: the links the email carries


def test_an_invited_coordinator_reaches_their_chantier_and_saves_a_first_edit(site, page, django_user_model):
    laval = Chantier.objects.get(slug="laval-zen")
    inviter = django_user_model.objects.create_superuser("alex@example.org", "alex@example.org", "x")
    inviter.first_name, inviter.last_name = "Alex", "Martin"
    inviter.save()
    mail.outbox.clear()
    coordinator_invite(email="nora@example.org", chantier=laval, invited_by=inviter, first_name="Nora")
    (invitation,) = mail.outbox
    assert invitation.body.startswith("Bonjour Nora,") and "Alex Martin vous invite" in invitation.body
    link = re.search(rf"{re.escape(SITE_URL)}(/\S+)", str(invitation.body)).group(1)

    password_prompts = []
    page.on("load", lambda p: password_prompts.append(p.url) if p.locator("input[type=password]").count() else None)

    page.goto(site + link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Choisir votre mot de passe")
    page.get_by_label("Nouveau mot de passe :", exact=True).fill("Une phrase facile à retenir 2026")
    page.get_by_label("Nouveau mot de passe (confirmation) :").fill("Une phrase facile à retenir 2026")
    page.get_by_role("button", name="Enregistrer mon mot de passe").click()

    # Signed in by choosing it: straight to the authenticator, no second password prompt.
    expect(page.get_by_role("heading", level=1)).to_have_text("Activer votre application d’authentification")
    qr = page.get_by_role("img", name="Code QR du secret d’authentification")
    expect(qr).to_be_visible()
    assert qr.get_attribute("src").startswith("data:image/svg+xml;base64,")  # made here, no third party
    secret = page.locator("#authenticator-secret").inner_text()
    page.get_by_label("Code de l'authentificateur").fill(totp_code(secret))
    page.get_by_role("button", name="Activer").click()

    # Their Chantier, with a word of what they can do there.
    expect(page.get_by_role("heading", name="Bienvenue, Nora !")).to_be_visible()
    assert page.url == f"{site}/admin/chantiers/chantier/{laval.pk}/change/"
    welcome = page.locator(".welcome")
    expect(welcome).to_contain_text("Vous coordonnez Laval ZéN")
    expect(welcome.get_by_role("link", name="feuille de route")).to_be_visible()

    # The first saved edit.
    page.get_by_label("Résumé [fr]").fill("Laval se mobilise pour la carboneutralité.")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("a été modifié avec succès")
    laval.refresh_from_db()
    assert laval.summary == "Laval se mobilise pour la carboneutralité."
    assert (
        password_prompts == [page.url.split("/admin")[0] + link.rsplit("/", 2)[0] + "/set-password/"]
        or len(password_prompts) == 1
    ), password_prompts
    assert page.dialogs == []
