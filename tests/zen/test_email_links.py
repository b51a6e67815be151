"""Every link in every email starts with SITE_URL, whatever host the request that caused it came to."""

import re
from datetime import date, timedelta
from pathlib import Path

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from chantiers.followers.digest import digests_send
from chantiers.followers.services import follower_confirm, follower_subscribe
from chantiers.invitations import coordinator_invite
from chantiers.models import Event
from partners import services
from tests.partners.test_review import submit
from zen.outbox.models import OutboxEmail

SITE_URL = "https://zen.example.org"  # tests/settings.py
TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "emails"
URL = re.compile(r"""(?:href|src)="([^"]+)"|(https?://[^\s"<>)]+)""")


def links(message) -> list[str]:
    bodies = [message.body] + [body for body, _kind in getattr(message, "alternatives", [])]
    found = []
    for body in bodies:
        for attribute, bare in URL.findall(body):
            link = attribute or bare
            if not link.startswith(("mailto:", "data:")):
                found.append(link)
    return found


def test_every_kind_of_email_links_only_to_site_url(
    laval, owner, program_staff, settings, django_capture_on_commit_callbacks
):
    visitor = Client(HTTP_HOST="127.0.0.1:8000")  # a request to another host name must not leak into links
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_invite(email="nora@example.org", chantier=laval, invited_by=program_staff, first_name="Nora")
        application = submit(laval)  # application-new and application-received
        services.application_accept(application=application, reviewer=owner)  # application-decision
        services.coordinators_send_digest(now=timezone.now())  # coordinators-digest (the pending one below)
        submit(laval, organisation_name="Deuxième")
        services.coordinators_send_digest(now=timezone.now() + timedelta(days=1))
        visitor.post(reverse("account_reset_password"), {"email": "owner@example.org"})  # allauth's reset link
        follower = follower_subscribe(  # follower-confirm
            chantier=laval, email="camille@example.org", language="fr", frequency="weekly", consent_text="J’accepte."
        )
        follower_confirm(follower=follower)
        Event.objects.create(chantier=laval, title_fr="Corvée", status="confirmed", start_date=date(2027, 5, 1))
        digests_send(frequency="weekly")  # follower-digest

    ours = {path.name.removesuffix("-subject.txt") for path in TEMPLATES.glob("*-subject.txt")}
    sent = set(OutboxEmail.objects.values_list("kind", flat=True))
    assert ours <= sent, f"kinds never exercised here: {ours - sent}"
    assert "password_reset_key" in sent

    assert len(mail.outbox) >= len(ours) + 1
    linked = 0
    for message in mail.outbox:
        found = links(message)
        linked += bool(found)
        for link in found:
            assert link == SITE_URL or link.startswith(SITE_URL + "/"), f"{message.subject}: {link}"
        assert "testserver" not in message.body and "127.0.0.1" not in message.body
    acknowledgements = OutboxEmail.objects.filter(kind="application-received").count()
    assert linked == len(mail.outbox) - acknowledgements  # only the acknowledgement has no link
