from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from chantiers.admin import CoordinatorAdmin
from chantiers.models import Chantier, Coordinator
from chantiers.permissions import is_program_staff
from zen import outbox
from zen.accounts import coordinator_invite
from zen.models import OutboxEmail


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    """Every email the platform sent or will send; failures show their error and can be sent again."""

    list_display = ["title", "to", "kind", "status", "attempts", "last_error_short", "created_at", "sent_at"]
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

    @admin.display(description=_("objet"), ordering="subject")
    def title(self, email: OutboxEmail) -> str:
        return email.subject or _("(rédigé à l’envoi)")

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


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Courriel"))
    first_name = forms.CharField(label=_("Prénom"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Nom"), max_length=150, required=False)
    chantier = forms.ModelChoiceField(label=_("Chantier"), queryset=Chantier.objects.order_by("name"))


admin.site.unregister(Coordinator)


@admin.register(Coordinator)
class CoordinatorInvitationAdmin(CoordinatorAdmin):
    """The coordinators' admin, with the invitation that gives a person their account."""

    change_list_template = "admin/chantiers/coordinator/change_list.html"

    def get_urls(self):
        return [
            path("inviter/", self.admin_site.admin_view(self.invite_view), name="chantiers_coordinator_invite"),
            *super().get_urls(),
        ]

    def invite_view(self, request: HttpRequest):
        if not is_program_staff(request.user):
            raise PermissionDenied
        form = InvitationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            coordinator_invite(**form.cleaned_data)
            self.message_user(
                request,
                _("Invitation envoyée à %(email)s pour %(chantier)s.")
                % {"email": form.cleaned_data["email"], "chantier": form.cleaned_data["chantier"]},
            )
            return HttpResponseRedirect(reverse("admin:chantiers_coordinator_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Inviter une personne à coordonner un Chantier"),
            "form": form,
        }
        return TemplateResponse(request, "admin/chantiers/coordinator/invite.html", context)
