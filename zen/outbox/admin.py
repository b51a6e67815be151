from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zen.outbox import services
from zen.outbox.models import OutboxEmail


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin[OutboxEmail]):
    """Every email the platform sent or will send; failures show their error and can be sent again.

    Read-only: who may look, delete or resend is said by the model permissions
    (program staff hold them, coordinators do not).
    """

    list_display = ["title", "to", "kind", "status", "attempts", "last_error_short", "created_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["to", "subject", "reference"]
    date_hierarchy = "created_at"
    actions = ["resend"]
    readonly_fields = [f.name for f in OutboxEmail._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: OutboxEmail | None = None) -> bool:
        return False  # a record of what was sent: never edited

    def has_resend_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("outbox.change_outboxemail")

    @admin.display(description=_("objet"), ordering="subject")
    def title(self, email: OutboxEmail) -> str:
        return email.subject or gettext("(rédigé à l’envoi)")

    @admin.display(description=_("dernière erreur"))
    def last_error_short(self, email: OutboxEmail) -> str:
        return email.last_error[:120]

    @admin.action(description=_("Envoyer de nouveau"), permissions=["resend"])
    def resend(self, request: HttpRequest, queryset: QuerySet[OutboxEmail]) -> None:
        for email in queryset:
            services.resend(email)
        self.message_user(request, _("%(count)s courriel(s) remis en file d’envoi.") % {"count": queryset.count()})
