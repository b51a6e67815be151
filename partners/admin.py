from __future__ import annotations

from django.contrib import admin

from chantiers.admin import ChantierScopedMixin, ProgramStaffOnlyMixin
from partners.models import Organisation, PartnerApplication, Partnership, ProgramSupport


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Partnership)
class PartnershipAdmin(ChantierScopedMixin, admin.ModelAdmin):
    list_display = ["organisation", "chantier", "role", "joined_on"]
    list_filter = ["role", "chantier"]
    list_select_related = ["organisation", "chantier"]
    search_fields = ["organisation__name", "chantier__name"]
    autocomplete_fields = ["organisation"]


@admin.register(ProgramSupport)
class ProgramSupportAdmin(ProgramStaffOnlyMixin, admin.ModelAdmin):
    list_display = ["organisation", "role", "order"]
    list_filter = ["role"]
    list_select_related = ["organisation"]


@admin.register(PartnerApplication)
class PartnerApplicationAdmin(ChantierScopedMixin, admin.ModelAdmin):
    list_display = ["organisation_name", "chantier", "status", "created_at", "decided_at"]
    list_filter = ["status", "chantier"]
    list_select_related = ["chantier"]
    search_fields = ["organisation_name", "contact_name", "contact_email"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at", "decided_at", "reviewer", "organisation", "personal_data_erased_at", "language"]
    filter_horizontal = ["themes"]
