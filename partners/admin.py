from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from chantiers.admin import BothLanguages, ChantierScopedMixin, ProgramStaffOnlyMixin
from chantiers.history import ReadableHistoryAdmin
from partners import services
from partners.images import ORGANISATION_LOGO
from partners.models import Organisation, PartnerApplication, Partnership, ProgramSupport
from partners.permissions import may_change_organisation, visible_organisations
from zen.web.images import ReencodedImagesAdmin
from zen.web.media import file_response


@admin.register(Organisation)
class OrganisationAdmin(ReencodedImagesAdmin, BothLanguages, TranslationAdmin):
    """Scoped by partners.permissions: the list, its search and every autocomplete of organisations."""

    image_rules = {"logo": ORGANISATION_LOGO}
    list_display = ["name", "short_name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "kind", "website", "logo"]}),
        (None, {"fields": [("description_fr", "description_en")]}),  # French beside its English translation
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk__in=visible_organisations(request.user).values("pk"))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_change_organisation(request.user, obj))


@admin.register(Partnership)
class PartnershipAdmin(ChantierScopedMixin, ReadableHistoryAdmin):
    list_display = ["organisation", "chantier", "role", "joined_on", "is_public"]
    list_filter = ["role", "is_public", ("chantier", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["organisation", "chantier"]
    search_fields = ["organisation__name", "chantier__name"]
    autocomplete_fields = ["organisation"]


@admin.register(ProgramSupport)
class ProgramSupportAdmin(ProgramStaffOnlyMixin, admin.ModelAdmin):
    list_display = ["organisation", "role", "order"]
    list_filter = ["role"]
    list_select_related = ["organisation"]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=[("accept", _("Accepter la demande")), ("reject", _("Refuser la demande"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Message à l’organisation (facultatif)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Il est joint au courriel qui annonce la décision."),
    )


@admin.register(PartnerApplication)
class PartnerApplicationAdmin(ChantierScopedMixin, admin.ModelAdmin):
    list_display = ["organisation_name", "chantier", "status", "created_at", "decided_at"]
    list_filter = ["status", ("chantier", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["chantier"]
    search_fields = ["organisation_name", "contact_name", "contact_email"]
    date_hierarchy = "created_at"
    filter_horizontal = ["themes"]
    actions = ["accept_selected"]
    change_form_template = "admin/partners/partnerapplication/change_form.html"
    fieldsets = [
        (
            _("Organisation"),
            {
                "fields": [
                    "chantier",
                    "organisation_name",
                    "organisation_kind",
                    "sector",
                    "website",
                    "neq",
                    "logo_preview",
                ]
            },
        ),
        (_("Personne-ressource"), {"fields": ["contact_name", "contact_email", "contact_phone", "language"]}),
        (_("Demande"), {"fields": ["motivation", "themes", "consent_public_listing", "consent_privacy", "created_at"]}),
        (_("Décision"), {"fields": ["status", "reviewer", "decided_at", "decision_note", "organisation"]}),
        (_("Confidentialité"), {"fields": ["personal_data_erased_at"]}),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # applications come from the public form

    def get_readonly_fields(self, request, obj=None):
        # What the applicant sent is a record: it is decided on, not edited.
        return [field for fieldset in self.fieldsets for field in fieldset[1]["fields"]]

    def get_urls(self):
        return [
            path(
                "<int:pk>/decision/",
                self.admin_site.admin_view(self.decision_view),
                name="partners_partnerapplication_decision",
            ),
            path(
                "<int:pk>/logo/",
                self.admin_site.admin_view(self.logo_view),
                name="partners_partnerapplication_logo",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("logo"))
    def logo_preview(self, application: PartnerApplication) -> str:
        if not application.logo:
            return "-"
        return render_to_string("admin/partners/partnerapplication/logo.html", {"application": application})

    def logo_view(self, request: HttpRequest, pk: int) -> FileResponse:
        """An application's logo, to the people who review it only: it has no public URL until accepted."""
        application = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, application) or not application.logo:
            raise Http404
        return file_response(application.logo.storage, application.logo.name, cache_control="private, no-store")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "decision_form": DecisionForm()}
        return super().change_view(request, object_id, form_url, extra_context)

    def decision_view(self, request: HttpRequest, pk: int):
        application = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_change_permission(request, application):
            raise PermissionDenied
        change_url = reverse("admin:partners_partnerapplication_change", args=[pk])
        if request.method != "POST":
            return HttpResponseRedirect(change_url)
        form = DecisionForm(request.POST)
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": application,
                "decision_form": form,
                "title": _("Décider de la demande"),
            }
            return TemplateResponse(request, "admin/partners/partnerapplication/decision.html", context, status=400)
        decide = (
            services.application_accept if form.cleaned_data["decision"] == "accept" else services.application_reject
        )
        try:
            decide(application=application, reviewer=request.user, note=form.cleaned_data["note"])
        except services.ApplicationAlreadyDecided as already:
            self.message_user(request, _("Cette demande a déjà reçu une réponse (%s).") % already, messages.WARNING)
        else:
            self.message_user(request, _("Décision enregistrée ; l’organisation en est avisée par courriel."))
        return HttpResponseRedirect(change_url)

    @admin.action(description=_("Accepter les demandes choisies"), permissions=["change"])
    def accept_selected(self, request: HttpRequest, queryset):
        accepted = 0
        for application in queryset.filter(status=PartnerApplication.Status.PENDING):
            try:
                services.application_accept(application=application, reviewer=request.user)
            except services.ApplicationAlreadyDecided:
                continue
            accepted += 1
        self.message_user(
            request,
            ngettext("%(count)d demande acceptée.", "%(count)d demandes acceptées.", accepted) % {"count": accepted},
        )
