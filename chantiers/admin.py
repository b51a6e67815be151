from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from chantiers.models import Chantier, Coordinator, Event, Phase, Region, RoadmapAction, RoadmapVersion, Theme
from chantiers.permissions import editable_chantiers, is_program_staff


class ChantierScopedMixin:
    """Restricts an admin to the Chantiers the user may edit.

    `chantier_path` is the lookup from the model to its Chantier ("" for the
    Chantier itself). Rows of other Chantiers are absent from lists, so their
    change, delete and history pages answer 404; foreign keys only offer the
    user's own Chantiers and their phases.
    """

    chantier_path = "chantier"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_program_staff(request.user):
            return queryset
        lookup = f"{self.chantier_path}__in" if self.chantier_path else "pk__in"
        return queryset.filter(**{lookup: editable_chantiers(request.user)}).distinct()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Chantier:
            kwargs["queryset"] = editable_chantiers(request.user)
        elif db_field.related_model is Phase:
            kwargs["queryset"] = Phase.objects.filter(chantier__in=editable_chantiers(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _owns(self, request, obj) -> bool:
        if obj is None or is_program_staff(request.user):
            return True
        return self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._owns(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._owns(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._owns(request, obj)


class ProgramStaffOnlyMixin:
    """Editable by program staff only; coordinators may look."""

    def has_add_permission(self, request, *args):
        return is_program_staff(request.user)

    def has_change_permission(self, request, obj=None):
        return is_program_staff(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_program_staff(request.user)


@admin.register(Region)
class RegionAdmin(ProgramStaffOnlyMixin, admin.ModelAdmin):
    list_display = ["code", "name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0
    prepopulated_fields = {"slug": ["name"]}


@admin.register(RoadmapVersion)
class RoadmapVersionAdmin(ProgramStaffOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "is_current", "adopted_on"]
    inlines = [ThemeInline]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Theme)
class ThemeAdmin(ProgramStaffOnlyMixin, admin.ModelAdmin):
    list_display = ["order", "name", "version", "colour"]
    list_display_links = ["name"]
    list_filter = ["version"]
    list_select_related = ["version"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    fields = ["order", "name", "status", "start_date", "end_date", "description"]


class EventInline(admin.StackedInline):
    model = Event
    extra = 0


@admin.register(Chantier)
class ChantierAdmin(ChantierScopedMixin, SimpleHistoryAdmin):
    chantier_path = ""
    list_display = ["name", "status", "cohort", "region_list", "is_published", "action_count", "updated_at"]
    list_filter = ["status", "cohort", "is_published", "regions"]
    search_fields = ["name", "short_name", "territory"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["regions"]
    inlines = [PhaseInline, EventInline]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "status", "cohort", "is_published"]}),
        (_("Territoire"), {"fields": ["regions", "territory", "latitude", "longitude"]}),
        (_("Présentation"), {"fields": ["summary", "description", "cover_image", "contact_email", "website"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("regions")
            .annotate(action_total=Count("actions", distinct=True))
        )

    @admin.display(description=_("régions"))
    def region_list(self, obj: Chantier) -> str:
        return ", ".join(region.name for region in obj.regions.all())

    @admin.display(description=_("actions"), ordering="action_total")
    def action_count(self, obj: Chantier) -> int:
        return obj.action_total

    def has_add_permission(self, request):
        return is_program_staff(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_program_staff(request.user)

    def get_readonly_fields(self, request, obj=None):
        if is_program_staff(request.user):
            return []
        return ["slug", "status", "cohort", "is_published"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            obj.add_default_phases()


@admin.register(RoadmapAction)
class RoadmapActionAdmin(ChantierScopedMixin, SimpleHistoryAdmin):
    list_display = ["title", "chantier", "theme", "status", "progress", "target_date", "is_published", "is_example"]
    list_editable = ["status", "progress", "target_date", "is_published"]
    list_filter = ["chantier", "theme", "status", "is_published", "is_example"]
    list_select_related = ["chantier", "theme"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["lead_organisations"]
    date_hierarchy = "target_date"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Theme:
            kwargs["queryset"] = Theme.objects.current()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Phase)
class PhaseAdmin(ChantierScopedMixin, SimpleHistoryAdmin):
    list_display = ["name", "chantier", "order", "status", "start_date", "end_date"]
    list_filter = ["status", "chantier"]
    list_select_related = ["chantier"]


@admin.register(Event)
class EventAdmin(ChantierScopedMixin, admin.ModelAdmin):
    list_display = ["title", "chantier", "start_date", "end_date", "place", "is_published"]
    list_filter = ["chantier", "is_published"]
    list_select_related = ["chantier"]
    search_fields = ["title", "place"]


@admin.register(Coordinator)
class CoordinatorAdmin(ProgramStaffOnlyMixin, admin.ModelAdmin):
    list_display = ["user", "chantier", "created_at"]
    list_filter = ["chantier"]
    list_select_related = ["user", "chantier"]
    search_fields = ["user__email", "user__username", "chantier__name"]
    autocomplete_fields = ["user"]

    def has_view_permission(self, request, obj=None):
        return is_program_staff(request.user)
