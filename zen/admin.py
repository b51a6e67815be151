from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from chantiers.permissions import is_program_staff
from zen import outbox
from zen.models import OutboxEmail


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    """Every email the platform sent or will send; failures show their error and can be sent again."""

    list_display = ["subject", "to", "kind", "status", "attempts", "last_error_short", "created_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["to", "subject", "reference"]
    date_hierarchy = "created_at"
    actions = ["resend"]
    readonly_fields = [f.name for f in OutboxEmail._meta.fields]

    def has_module_permission(self, request):
        return is_program_staff(request.user)

    def has_view_permission(self, request, obj=None):
        return is_program_staff(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return is_program_staff(request.user)

    @admin.display(description=_("dernière erreur"))
    def last_error_short(self, email: OutboxEmail) -> str:
        return email.last_error[:120]

    @admin.action(description=_("Envoyer de nouveau"))
    def resend(self, request, queryset):
        if not is_program_staff(request.user):
            return
        for email in queryset:
            outbox.resend(email)
        self.message_user(request, _("%(count)s courriel(s) remis en file d’envoi.") % {"count": queryset.count()})
