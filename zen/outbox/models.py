"""The email outbox: every email the platform sends is first a row here.

Rows are written in the same transaction as what caused them (an application,
a decision) and handed to Celery after commit. A worker claims a row (pending
→ sending, committed), sends it through SMTP with no transaction open, then
records the outcome (sent, failed, or pending again for a retry). A row holds
what to send (kind, recipient, language, a JSON context); the worker renders
it on the first attempt and keeps the result, so retries send the same email
and the admin shows what went out. See `services` (writing, hand-over, flush)
and `delivery` (sending, and the one duplicate it allows).
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("À envoyer")
    # Claimed by a worker, which is talking to the SMTP server or recording the outcome.
    # Still sending at `next_attempt_at`: the worker stopped; the email is sent again.
    SENDING = "sending", _("En cours d’envoi")
    SENT = "sent", _("Envoyé")
    FAILED = "failed", _("Échec")


class OutboxEmail(models.Model):
    Status = EmailStatus

    kind = models.CharField(_("type"), max_length=60)
    to = models.EmailField(_("destinataire"))
    language = models.CharField(_("langue"), max_length=8)
    context = models.JSONField(_("contexte"), default=dict, blank=True)
    # Empty until the worker renders the email (allauth's arrive rendered).
    subject = models.CharField(_("objet"), max_length=255, blank=True)
    body_text = models.TextField(_("texte"), blank=True)
    body_html = models.TextField(_("HTML"), blank=True)
    reference = models.CharField(_("référence"), max_length=100, blank=True, db_index=True)
    # Sent as they are, beside Message-ID (e.g. List-Unsubscribe, RFC 8058).
    headers = models.JSONField(_("en-têtes"), default=dict, blank=True)
    status = models.CharField(_("statut"), max_length=10, choices=EmailStatus, default=EmailStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    next_attempt_at = models.DateTimeField(_("prochaine tentative"), default=timezone.now)
    handed_over_at = models.DateTimeField(_("confié à la file le"), null=True, blank=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    # Set when a worker stopped between claiming the row and recording the outcome: that
    # attempt may have reached the recipient, so the next one may be a duplicate.
    interrupted_at = models.DateTimeField(_("envoi interrompu le"), null=True, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("courriel")
        verbose_name_plural = _("courriels")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=EmailStatus.values), name="outbox_status_valid"),
            models.CheckConstraint(condition=~Q(status="sent") | Q(sent_at__isnull=False), name="outbox_sent_is_dated"),
        ]

    def __str__(self) -> str:
        return f"{self.subject or self.kind} → {self.to}"

    @property
    def message_id(self) -> str:
        """Stable across retries, so a receiving server can recognise a duplicate."""
        return f"<outbox-{self.pk}@collectiviteszen>"
