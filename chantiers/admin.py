from __future__ import annotations

from typing import Any, TypedDict, cast

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.options import BaseModelAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import WithAnnotations
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline

from chantiers import spreadsheets
from chantiers.events import event_when
from chantiers.history import ReadableHistoryAdmin
from chantiers.invitations import WELCOME_SESSION_KEY, coordinator_invite
from chantiers.models import (
    Chantier,
    Coordinator,
    DefaultPhase,
    Event,
    Phase,
    PhaseStatus,
    Region,
    RoadmapAction,
    RoadmapVersion,
    Theme,
    ThemeProgress,
)
from chantiers.permissions import editable_chantiers, is_program_staff
from zen.web.images import ImageRules, ReencodedImagesAdmin


class ActionTotal(TypedDict):
    action_total: int  # ChantierAdmin.get_queryset's annotations
    follower_total: int


class ChantierScopedMixin(admin.ModelAdmin):
    """Restricts an admin to the Chantiers the user may edit.

    `chantier_path` is the lookup from the model to its Chantier ("" for the
    Chantier itself). Rows of other Chantiers are absent from lists, so their
    change, delete and history pages answer 404; foreign keys only offer the
    user's own Chantiers and their phases, and autocomplete fields only what the
    related model's admin shows the user.
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
        else:
            self._choices_as_autocomplete_offers(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self._choices_as_autocomplete_offers(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def _choices_as_autocomplete_offers(self, db_field, request, kwargs) -> None:
        """An autocomplete field accepts only what it offers: the rows the related model's admin shows the user.

        Django scopes the suggestions by that admin's queryset but validates a posted id
        against every row of the table.
        """
        if db_field.name in self.get_autocomplete_fields(request) and "queryset" not in kwargs:
            related_admin = self.admin_site.get_model_admin(db_field.related_model)
            kwargs["queryset"] = related_admin.get_queryset(request)

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


class RoadmapRowForm(forms.ModelForm):
    """One line of the roadmap screen, with the action's title in French (required) and English."""

    class Meta:
        model = RoadmapAction
        fields = ["theme", "title_fr", "title_en", "status", "progress", "target_date", "order", "is_published"]
        # Sizes are in static/css/admin.css (the CSP allows no style attribute).
        widgets = {
            "progress": forms.NumberInput(attrs={"min": 0, "max": 100, "step": 5}),
            "title_en": forms.TextInput(attrs={"lang": "en"}),
            "target_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["theme"]).queryset = Theme.objects.current()


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


class BothLanguages(BaseModelAdmin):
    """Each translated text in French beside its English translation, each input marked with its language.

    The translated fields (chantiers/translation.py) are edited through modeltranslation's
    plain admin classes, which load no script. Its "tabbed" classes would load jQuery UI from
    a CDN, which our CSP refuses, and tabs would hide one language behind the other. Our own
    stylesheet (static/css/admin.css) sets the two side by side; fieldsets group them in pairs.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        language = getattr(db_field, "language", None)  # set on modeltranslation's per-language fields
        if field is not None and language:
            field.widget.attrs["lang"] = language  # spelling and screen readers follow the text's language
        return field


class ThemeInline(BothLanguages, TranslationTabularInline):
    model = Theme
    extra = 0
    prepopulated_fields = {"slug": ["name"]}
    fields = ["order", "name", "slug", "colour", "icon", "is_confirmed"]


@admin.register(RoadmapVersion)
class RoadmapVersionAdmin(ProgramStaffOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "is_current", "adopted_on"]
    inlines = [ThemeInline]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Theme)
class ThemeAdmin(ProgramStaffOnlyMixin, BothLanguages, TranslationAdmin):
    list_display = ["order", "name", "version", "colour", "is_confirmed"]
    list_display_links = ["name"]
    list_editable = ["is_confirmed"]
    list_filter = ["version", "is_confirmed"]
    list_select_related = ["version"]
    search_fields = ["name_fr", "name_en"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["version", "order", ("name_fr", "name_en"), "slug", "is_confirmed"]}),
        (None, {"fields": [("description_fr", "description_en"), "colour", "icon"]}),
    ]
    actions = ["confirm"]

    @admin.action(description=_("Confirmer comme thèmes officiels du programme"), permissions=["change"])
    def confirm(self, request, queryset):
        themes = list(queryset.filter(is_confirmed=False))
        for theme in themes:  # saved one by one, so the public pages' cache hears of it
            theme.is_confirmed = True
            theme.save(update_fields=["is_confirmed"])
        self.message_user(
            request,
            ngettext("%(count)d thème confirmé.", "%(count)d thèmes confirmés.", len(themes)) % {"count": len(themes)},
        )


@admin.register(DefaultPhase)
class DefaultPhaseAdmin(ProgramStaffOnlyMixin, BothLanguages, TranslationAdmin):
    """The phases a new Chantier starts with, proposed until its coordinators confirm them."""

    list_display = ["order", "name", "description"]
    list_display_links = ["name"]
    fieldsets = [(None, {"fields": ["order", ("name_fr", "name_en"), ("description_fr", "description_en")]})]


class PhaseForm(forms.ModelForm):
    class Meta:
        model = Phase
        fields = [
            "order",
            "name_fr",
            "name_en",
            "status",
            "start_date",
            "end_date",
            "description_fr",
            "description_en",
            "is_proposed",
        ]
        # By the plain field's name: modeltranslation gives it to both languages' inputs.
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # A coordinator who changes a proposed phase makes it theirs.
        if self.instance.is_proposed and any(name != "is_proposed" for name in self.changed_data):
            cleaned["is_proposed"] = False
        return cleaned

    def validate_constraints(self):
        # "One current phase" depends on the sibling forms, which PhaseFormSet.clean checks as
        # a whole; checked row by row against the database, moving the current phase from one
        # row to another in a single save would be refused. The other constraints are checked
        # here as usual, on the fields this form has and that passed their own validation.
        exclude = {field.name for field in Phase._meta.fields if field.name not in self.fields}
        exclude |= set(self.errors) | {"status"}
        try:
            self.instance.validate_constraints(exclude=exclude)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)


class PhaseFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        current = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("status") == PhaseStatus.CURRENT
        ]
        if len(current) > 1:
            raise ValidationError(_("Un Chantier ne peut avoir qu’une seule phase en cours."))


class PhaseInline(BothLanguages, TranslationStackedInline):
    model = Phase
    form = PhaseForm
    formset = PhaseFormSet
    extra = 0
    fields = [
        ("order", "status", "start_date", "end_date", "is_proposed"),
        ("name_fr", "name_en"),
        ("description_fr", "description_en"),
    ]


class ThemeProgressInline(ProgramStaffOnlyMixin, admin.TabularInline):
    """Program staff's estimate where the actions' average misleads; coordinators see it."""

    model = ThemeProgress
    extra = 0
    fields = ["theme", "progress", "note"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "theme":
            kwargs["queryset"] = Theme.objects.current()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_view_permission(self, request, obj=None):
        return True  # inside a Chantier the user may already see


# Typed loosely: django-stubs' own type for fieldsets is private.
EVENT_FIELDSETS: list[Any] = [
    (None, {"fields": [("title_fr", "title_en"), ("year", "status", "is_published")]}),
    (
        _("Quand"),
        {
            "fields": ["all_day", ("start_date", "end_date"), ("starts_at", "ends_at")],
            "description": _(
                "Une journée entière ou plusieurs : cochez « toute la journée » et indiquez les dates. "
                "À heure fixe : décochez et indiquez les heures (heure du Québec). Dates pas encore connues : "
                "laissez-les vides et choisissez « À confirmer »."
            ),
        },
    ),
    (_("Où"), {"fields": ["attendance", ("place_fr", "place_en"), "online_url"]}),
    (_("Inscription"), {"fields": ["registration_url", "registration_deadline"]}),
    (None, {"fields": [("description_fr", "description_en")]}),
]


class EventInline(BothLanguages, TranslationStackedInline):
    model = Event
    extra = 0
    fieldsets = EVENT_FIELDSETS
    show_change_link = True


# Cover images are photographs: stored as JPEG, at most 2,000 px wide, from their pixels alone.
COVER_IMAGE = ImageRules(
    max_bytes=5 * 1024 * 1024, max_side=6000, stored_side=2000, stored_format="JPEG", name="couverture"
)


@admin.register(Chantier)
class ChantierAdmin(ReencodedImagesAdmin, ChantierScopedMixin, BothLanguages, ReadableHistoryAdmin, TranslationAdmin):
    chantier_path = ""
    image_rules = {"cover_image": COVER_IMAGE}
    list_display = [
        "name",
        "status",
        "cohort",
        "region_list",
        "is_published",
        "action_count",
        "follower_count",
        "updated_at",
    ]
    list_filter = ["status", "cohort", "is_published", "regions"]
    search_fields = ["name", "short_name", "territory_fr", "territory_en"]
    prepopulated_fields = {"slug": ["name"]}
    # Checkboxes rather than filter_horizontal: 17 regions fit, and its JavaScript widget puts
    # aria-label on a plain <span>, which axe rejects.
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    inlines = [PhaseInline, EventInline, ThemeProgressInline]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "status", "cohort", "is_published"]}),
        # Each text in French (the source) beside its English translation.
        (_("Territoire"), {"fields": ["regions", ("territory_fr", "territory_en"), "latitude", "longitude"]}),
        (
            _("Présentation"),
            {
                "fields": [
                    ("summary_fr", "summary_en"),
                    ("description_fr", "description_en"),
                    "cover_image",
                    "contact_email",
                    "website",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("regions")
            .annotate(
                action_total=Count("actions", distinct=True),
                # chantiers.followers' confirmed followers, by the reverse relation: a count, never an address.
                follower_total=Count("followers", filter=Q(followers__confirmed_at__isnull=False), distinct=True),
            )
        )

    @admin.display(description=_("régions"))
    def region_list(self, obj: Chantier) -> str:
        return ", ".join(region.name for region in obj.regions.all())

    @admin.display(description=_("actions"), ordering="action_total")
    def action_count(self, obj: WithAnnotations[Chantier, ActionTotal]) -> int:
        return obj.action_total

    @admin.display(description=_("abonnés"), ordering="follower_total")
    def follower_count(self, obj: WithAnnotations[Chantier, ActionTotal]) -> int:
        return obj.follower_total

    def has_add_permission(self, request):
        return is_program_staff(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_program_staff(request.user)

    def get_readonly_fields(self, request, obj=None):
        if is_program_staff(request.user):
            return []
        return ["slug", "status", "cohort", "is_published"]

    def get_prepopulated_fields(self, request, obj=None):
        # The slug is read-only for coordinators: nothing to fill from the name.
        return super().get_prepopulated_fields(request, obj) if is_program_staff(request.user) else {}

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Once, right after an invited person protected their account (zen.accounts).
        welcome = request.method == "GET" and request.session.pop(WELCOME_SESSION_KEY, False)
        extra_context = {**(extra_context or {}), "welcome": welcome}
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            obj.add_default_phases()

    def save_formset(self, request, form, formset, change):
        if formset.model is not Phase:
            return super().save_formset(request, form, formset, change)
        phases = formset.save(commit=False)
        for phase in formset.deleted_objects:
            phase.delete()
        # The phases leaving "current" first, so the database never sees two at once.
        for phase in sorted(phases, key=lambda phase: phase.status == PhaseStatus.CURRENT):
            phase.save()
        formset.save_m2m()
        return None

    def get_urls(self):
        return [
            path(
                "<path:object_id>/feuille-de-route/",
                self.admin_site.admin_view(self.roadmap_view),
                name="chantiers_chantier_roadmap",
            ),
            path(
                "<path:object_id>/feuille-de-route/export.<str:fmt>",
                self.admin_site.admin_view(self.roadmap_export),
                name="chantiers_chantier_roadmap_export",
            ),
            path(
                "<path:object_id>/feuille-de-route/importer/",
                self.admin_site.admin_view(self.roadmap_import),
                name="chantiers_chantier_roadmap_import",
            ),
            *super().get_urls(),
        ]

    def _roadmap_chantier(self, request: HttpRequest, object_id: str) -> Chantier:
        """The Chantier whose roadmap `request.user` may edit, or 404/403."""
        chantier = self.get_object(request, object_id)  # None outside the user's Chantiers
        if chantier is None:
            raise Http404
        if not (
            self.has_change_permission(request, chantier) and request.user.has_perm("chantiers.change_roadmapaction")
        ):
            raise PermissionDenied
        return chantier

    def roadmap_export(self, request: HttpRequest, object_id: str, fmt: str) -> HttpResponse:
        chantier = self._roadmap_chantier(request, object_id)
        rows = spreadsheets.export_rows(chantier)
        if fmt == "xlsx":
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            response = HttpResponse(spreadsheets.roadmap_xlsx(chantier), content_type=content_type)
        else:
            response = HttpResponse(spreadsheets.to_csv(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="feuille-de-route-{chantier.slug}.{fmt}"'
        return response

    def roadmap_import(self, request: HttpRequest, object_id: str):
        chantier = self._roadmap_chantier(request, object_id)
        errors: list[str] = []
        if request.method == "POST":
            upload = request.FILES.get("file")
            if upload is None:
                errors = [gettext("Choisissez un fichier xlsx ou CSV.")]
            elif (upload.size or 0) > 5 * 1024 * 1024:
                errors = [gettext("Le fichier dépasse 5 Mo.")]
            else:
                try:
                    result = spreadsheets.import_roadmap(chantier=chantier, rows=spreadsheets.read_rows(upload))
                except spreadsheets.SpreadsheetError as error:
                    errors = error.errors
                else:
                    self.message_user(
                        request,
                        _(
                            "Importation faite : %(created)s ajoutée(s), %(updated)s modifiée(s), "
                            "%(unchanged)s inchangée(s)."
                        )
                        % vars(result),
                    )
                    return HttpResponseRedirect(reverse("admin:chantiers_chantier_roadmap", args=[chantier.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": chantier,
            "title": _("Importer la feuille de route de %(chantier)s") % {"chantier": chantier.display_name},
            "errors": errors,
            "columns": spreadsheets.COLUMNS,
        }
        return TemplateResponse(
            request, "admin/chantiers/chantier/roadmap_import.html", context, status=400 if errors else 200
        )

    def roadmap_view(self, request: HttpRequest, object_id: str):
        """The whole feuille de route on one screen, grouped by theme, saved at once."""
        chantier = self._roadmap_chantier(request, object_id)
        can_add = request.user.has_perm("chantiers.add_roadmapaction")
        formset_class = forms.modelformset_factory(
            RoadmapAction, form=RoadmapRowForm, extra=3 if can_add else 0, can_delete=False
        )
        actions = chantier.actions.select_related("theme").order_by("theme__order", "order", "pk")
        formset = formset_class(request.POST or None, queryset=actions, prefix="actions")
        if request.method == "POST" and formset.is_valid():
            with transaction.atomic():
                changed = formset.save(commit=False)
                for action in changed:
                    action.chantier = chantier
                    action.save()
            self.message_user(
                request,
                ngettext("%(count)d action enregistrée.", "%(count)d actions enregistrées.", len(changed))
                % {"count": len(changed)},
            )
            return HttpResponseRedirect(request.path)
        sections: dict = {}
        new_rows = []
        for row in formset.forms:
            if row.instance.pk:
                sections.setdefault(row.instance.theme, []).append(row)
            else:
                new_rows.append(row)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": chantier,
            "title": _("Feuille de route de %(chantier)s") % {"chantier": chantier.display_name},
            "formset": formset,
            "sections": sections.items(),
            "new_rows": new_rows,
        }
        return TemplateResponse(request, "admin/chantiers/chantier/roadmap.html", context)


@admin.register(RoadmapAction)
class RoadmapActionAdmin(ChantierScopedMixin, BothLanguages, ReadableHistoryAdmin, TranslationAdmin):
    list_display = ["title", "chantier", "theme", "status", "progress", "target_date", "is_published", "is_example"]
    list_editable = ["status", "progress", "target_date", "is_published"]
    list_filter = [("chantier", admin.RelatedOnlyFieldListFilter), "theme", "status", "is_published", "is_example"]
    list_select_related = ["chantier", "theme"]
    search_fields = ["title_fr", "title_en", "description_fr", "description_en"]
    autocomplete_fields = ["lead_organisations"]
    date_hierarchy = "target_date"
    fieldsets = [
        (
            None,
            {"fields": ["chantier", "theme", "phase", ("title_fr", "title_en"), ("description_fr", "description_en")]},
        ),
        (
            None,
            {
                "fields": [
                    "status",
                    "progress",
                    "target_date",
                    "lead_organisations",
                    "order",
                    "is_published",
                    "is_example",
                ]
            },
        ),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Theme:
            kwargs["queryset"] = Theme.objects.current()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Phase)
class PhaseAdmin(ChantierScopedMixin, BothLanguages, ReadableHistoryAdmin, TranslationAdmin):
    list_display = ["name", "chantier", "order", "status", "start_date", "end_date"]
    list_filter = ["status", ("chantier", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["chantier"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "chantier",
                    "order",
                    ("name_fr", "name_en"),
                    "status",
                    ("start_date", "end_date"),
                    ("description_fr", "description_en"),
                ]
            },
        )
    ]


@admin.register(Event)
class EventAdmin(ChantierScopedMixin, BothLanguages, ReadableHistoryAdmin, TranslationAdmin):
    list_display = ["title", "chantier", "year", "when", "attendance", "status", "is_published"]
    list_filter = [("chantier", admin.RelatedOnlyFieldListFilter), "year", "status", "attendance", "is_published"]
    list_select_related = ["chantier"]
    search_fields = ["title_fr", "title_en", "place_fr", "place_en"]
    fieldsets = [(None, {"fields": ["chantier"]}), *EVENT_FIELDSETS]

    @admin.display(description=_("quand"), ordering="start_date")
    def when(self, obj: Event) -> str:
        return event_when(obj)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Courriel"))
    first_name = forms.CharField(label=_("Prénom"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Nom"), max_length=150, required=False)
    chantier = forms.ModelChoiceField(label=_("Chantier"), queryset=Chantier.objects.order_by("name"))
    language = forms.ChoiceField(
        label=_("Langue du courriel"), choices=settings.LANGUAGES, initial=settings.LANGUAGE_CODE
    )


@admin.register(Coordinator)
class CoordinatorAdmin(ProgramStaffOnlyMixin, admin.ModelAdmin):
    """Who coordinates which Chantier, with the invitation that gives a person their account."""

    list_display = ["user", "chantier", "created_at"]
    list_filter = ["chantier"]
    list_select_related = ["user", "chantier"]
    search_fields = ["user__email", "user__username", "chantier__name"]
    autocomplete_fields = ["user"]
    change_list_template = "admin/chantiers/coordinator/change_list.html"

    def has_view_permission(self, request, obj=None):
        return is_program_staff(request.user)

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
            coordinator_invite(**form.cleaned_data, invited_by=request.user)
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
