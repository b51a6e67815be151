from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zen.outbox import services
from zen.outbox.models import EmailStatus, OutboxEmail
from zen.outbox.rendering import kind_choices, kind_label


class KindFilter(admin.SimpleListFilter):
    """Filter by kind, named in words by the app that owns it."""

    title = _("type")
    parameter_name = "kind"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin[OutboxEmail]) -> list[tuple[str, str]]:
        return kind_choices()

    def queryset(self, request: HttpRequest, queryset: QuerySet[OutboxEmail]) -> QuerySet[OutboxEmail]:
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin[OutboxEmail]):
    """Every email the platform sent or will send; failures show their error and can be sent again.

    Read-only: who may look, delete or resend is said by the model permissions
    (program staff hold them, coordinators do not).
    """

    list_display = ["title", "to", "kind_words", "state", "attempts", "last_error_short", "created_at", "sent_at"]
    list_filter = ["status", KindFilter]
    search_fields = ["to", "subject", "reference"]
    date_hierarchy = "created_at"
    actions = ["resend"]
    # The kind and the status in words, where the raw columns would stand.
    readonly_fields = [
        {"kind": "kind_words", "status": "state"}.get(f.name, f.name)
        for f in OutboxEmail._meta.fields
        if f.name != "id"
    ]
    fields = tuple(readonly_fields)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: OutboxEmail | None = None) -> bool:
        return False  # a record of what was sent: never edited

    def has_resend_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("outbox.change_outboxemail")

    @admin.display(description=_("objet"), ordering="subject")
    def title(self, email: OutboxEmail) -> str:
        return email.subject or gettext("(rédigé à l’envoi)")

    @admin.display(description=_("type"), ordering="kind")
    def kind_words(self, email: OutboxEmail) -> str:
        return kind_label(email.kind)

    @admin.display(description=_("statut"), ordering="status")
    def state(self, email: OutboxEmail) -> str:
        """The status, and in a few words what it means for the person waiting for the email."""
        if email.status == EmailStatus.SENDING and email.next_attempt_at <= timezone.now():
            # Claimed and never recorded: its worker stopped, before or after SMTP accepted it.
            explanation = gettext("état inconnu : l’envoi a été interrompu ; il sera renvoyé, peut-être en double")
        elif email.status == EmailStatus.SENDING:
            explanation = gettext("en cours d’envoi")
        elif email.status == EmailStatus.SENT:
            explanation = gettext("remis au serveur de courriel")
        elif email.status == EmailStatus.FAILED:
            explanation = gettext("abandonné : voyez l’erreur, puis « Envoyer de nouveau »")
        elif email.attempts:
            explanation = gettext("nouvel essai vers %(time)s") % {
                "time": formats.time_format(timezone.localtime(email.next_attempt_at), "TIME_FORMAT")
            }
        else:
            explanation = gettext("en file d’envoi")
        if email.interrupted_at is not None and email.status != EmailStatus.SENDING:
            explanation += " — " + gettext(
                "un envoi interrompu le %(time)s a peut-être déjà atteint le destinataire (doublon possible)"
            ) % {"time": formats.date_format(timezone.localtime(email.interrupted_at), "SHORT_DATETIME_FORMAT")}
        return f"{email.get_status_display()} — {explanation}"

    @admin.display(description=_("dernière erreur"))
    def last_error_short(self, email: OutboxEmail) -> str:
        return email.last_error[:120]

    @admin.action(description=_("Envoyer de nouveau"), permissions=["resend"])
    def resend(self, request: HttpRequest, queryset: QuerySet[OutboxEmail]) -> None:
        for email in queryset:
            services.resend(email)
        self.message_user(request, _("%(count)s courriel(s) remis en file d’envoi.") % {"count": queryset.count()})
