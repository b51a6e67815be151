"""People who follow a Chantier by email: double opt-in, consent kept with its words, no account.

A row is written when someone asks to follow (unconfirmed, nothing is sent but the
confirmation), confirmed when they open the link, and deleted when they unsubscribe
or when the retention period is over (`services.followers_erase_expired`). No page
shows who follows; program staff see counts, never addresses (chantiers/admin.py).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from chantiers.models import Chantier


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Un résumé par semaine")
    IMMEDIATE = "immediate", _("Dès qu’il y a du nouveau")


class FollowerQuerySet(models.QuerySet["Follower"]):
    def confirmed(self) -> FollowerQuerySet:
        return self.filter(confirmed_at__isnull=False)


class Follower(models.Model):
    Frequency = Frequency

    chantier = models.ForeignKey(
        Chantier, on_delete=models.CASCADE, related_name="followers", verbose_name=_("Chantier")
    )
    email = models.EmailField(_("courriel"))
    language = models.CharField(_("langue"), max_length=8, choices=settings.LANGUAGES)
    frequency = models.CharField(_("fréquence"), max_length=10, choices=Frequency, default=Frequency.WEEKLY)
    # The links in every email: unsubscribe, preferences. Random, so a link names nobody.
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    consent_text = models.TextField(_("texte du consentement"))
    consented_at = models.DateTimeField(_("consentement donné le"))
    confirmed_at = models.DateTimeField(_("confirmé le"), null=True, blank=True)
    # Changes up to this moment have been sent (or predate the subscription).
    digested_until = models.DateTimeField(_("nouvelles envoyées jusqu’au"), null=True, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = models.Manager.from_queryset(FollowerQuerySet)()

    class Meta:
        verbose_name = _("abonné")
        verbose_name_plural = _("abonnés")
        constraints = [
            models.UniqueConstraint("chantier", Lower("email"), name="one_follow_per_address_and_chantier"),
            models.CheckConstraint(condition=Q(frequency__in=Frequency.values), name="follower_frequency_valid"),
            models.CheckConstraint(
                condition=Q(language__in=[code for code, _name in settings.LANGUAGES]), name="follower_language_valid"
            ),
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True) | Q(digested_until__isnull=False),
                name="confirmed_follower_has_a_digest_mark",
            ),
        ]
        indexes = [models.Index(fields=["frequency", "chantier", "digested_until"], name="follower_digest_due")]

    def __str__(self) -> str:
        return f"{self.chantier} – {self.pk}"  # never the address: lists and logs stay anonymous

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
