"""The diagnostic in the back office: the catalogue for program staff, the values for each Chantier's coordinators.

Coordinators see and change the values of their own Chantiers only, by the rule every
admin screen uses (chantiers.permissions.editable_chantiers, through ChantierScopedMixin);
the entry screen shows one indicator's values of one Chantier and saves them at once.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from chantiers.admin import BothLanguages, ChantierScopedMixin, ProgramStaffOnlyMixin
from chantiers.diagnostic import spreadsheets
from chantiers.diagnostic.models import Indicator, Sector, Source, Value
from chantiers.history import ReadableHistoryAdmin
from chantiers.models import Chantier, Theme
from chantiers.permissions import editable_chantiers, is_program_staff


@admin.register(Sector)
class SectorAdmin(ProgramStaffOnlyMixin, BothLanguages, TranslationAdmin):
    list_display = ["order", "name", "code", "is_land_use"]
    list_display_links = ["name"]


@admin.register(Indicator)
class IndicatorAdmin(ProgramStaffOnlyMixin, BothLanguages, TranslationAdmin):
    list_display = ["name", "code", "unit", "direction", "normalised_by", "has_sectors"]
    list_filter = ["themes", "unit", "has_sectors"]
    list_select_related = ["normalised_by"]
    search_fields = ["code", "name_fr", "name_en"]
    filter_horizontal = ["themes"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.related_model is Theme:
            kwargs["queryset"] = Theme.objects.current()
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Source)
class SourceAdmin(BothLanguages, TranslationAdmin):
    """Sources are shared by every Chantier: coordinators add theirs, program staff correct them."""

    list_display = ["publisher", "title", "published_on", "licence"]
    search_fields = ["publisher", "title_fr", "title_en"]

    def has_change_permission(self, request, obj=None):
        return is_program_staff(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_program_staff(request.user)


class EnteredByAPerson(forms.ModelForm):
    """A value a person enters or corrects is theirs, no longer the seed's example."""

    def save(self, commit=True):
        if self.has_changed():
            self.instance.is_example = False
        return super().save(commit)


class ValueForm(EnteredByAPerson):
    class Meta:
        model = Value
        fields = ["chantier", "indicator", "sector", "year", "kind", "source", "value"]


class EntryRowForm(EnteredByAPerson):
    """One line of the entry screen: the Chantier and the indicator are the screen's."""

    class Meta:
        model = Value
        fields = ["year", "sector", "kind", "source", "value"]
        widgets = {"year": forms.NumberInput(attrs={"min": 1990, "max": 2100})}

    def __init__(self, *args, chantier: Chantier, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.chantier = chantier
        self.instance.indicator = indicator
        if not indicator.has_sectors:
            self.fields["sector"].disabled = True
            self.fields["sector"].required = False


class EntryFormSet(forms.BaseModelFormSet):
    def clean(self):
        super().clean()
        seen: dict[tuple, int] = {}
        for number, form in enumerate(self.forms, start=1):
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            if not form.has_changed() and not form.instance.pk:
                continue
            data = form.cleaned_data
            if not data:
                continue
            key = (data.get("sector"), data.get("year"), data.get("kind"), data.get("source"))
            if key in seen:
                raise forms.ValidationError(
                    gettext(
                        "Les lignes %(first)s et %(second)s donnent la même valeur (secteur, année, nature, source)."
                    )
                    % {"first": seen[key], "second": number}
                )
            seen[key] = number


@admin.register(Value)
class ValueAdmin(ChantierScopedMixin, ReadableHistoryAdmin):
    form = ValueForm
    list_display = ["chantier", "indicator", "year", "sector", "kind", "value", "source", "is_example"]
    list_filter = [("chantier", admin.RelatedOnlyFieldListFilter), "indicator", "kind", "year", "is_example"]
    list_select_related = ["chantier", "indicator", "sector", "source"]
    search_fields = ["chantier__name", "indicator__code", "indicator__name_fr"]
    change_list_template = "admin/diagnostic/value/change_list.html"

    def changelist_view(self, request, extra_context=None):
        extra = {
            "entry_chantiers": list(editable_chantiers(request.user).order_by("name")),
            "entry_indicators": list(Indicator.objects.all()),
            "can_enter": request.user.has_perm("diagnostic.change_value"),
        }
        return super().changelist_view(request, extra | (extra_context or {}))

    def get_urls(self):
        return [
            path(
                "saisie/<int:chantier_id>/", self.admin_site.admin_view(self.entry_view), name="diagnostic_value_entry"
            ),
            path(
                "saisie/<int:chantier_id>/export.<str:fmt>",
                self.admin_site.admin_view(self.export_view),
                name="diagnostic_value_export",
            ),
            path(
                "saisie/<int:chantier_id>/importer/",
                self.admin_site.admin_view(self.import_view),
                name="diagnostic_value_import",
            ),
            *super().get_urls(),
        ]

    def _chantier(self, request: HttpRequest, chantier_id: int, action: str = "change") -> Chantier:
        """A Chantier whose values `request.user` may edit: 404 outside their Chantiers, 403 without the right."""
        chantier = editable_chantiers(request.user).filter(pk=chantier_id).first()
        if chantier is None:
            raise Http404
        if not request.user.has_perm(f"diagnostic.{action}_value"):
            raise PermissionDenied
        return chantier

    def entry_view(self, request: HttpRequest, chantier_id: int) -> HttpResponse:
        """One indicator's values of one Chantier on one screen, saved at once."""
        chantier = self._chantier(request, chantier_id)
        indicators = list(Indicator.objects.all())
        code = request.GET.get("indicator", "")
        indicator = next((i for i in indicators if i.code == code), None) or indicators[0]
        can_add = request.user.has_perm("diagnostic.add_value")
        formset_class = forms.modelformset_factory(
            Value, form=EntryRowForm, formset=EntryFormSet, extra=5 if can_add else 0, can_delete=True
        )
        values = Value.objects.filter(chantier=chantier, indicator=indicator).select_related("sector", "source")
        formset = formset_class(
            request.POST or None,
            queryset=values.order_by("year", "sector__order", "kind"),
            prefix="values",
            form_kwargs={"chantier": chantier, "indicator": indicator},
        )
        if request.method == "POST" and formset.is_valid():
            try:
                with transaction.atomic():
                    saved = formset.save()
            except IntegrityError:  # entered by someone else meanwhile
                self.message_user(
                    request, gettext("Une valeur existe déjà pour cette clé : rien n’a été enregistré."), messages.ERROR
                )
            else:
                count = len(saved) + len(formset.deleted_objects)
                self.message_user(
                    request,
                    ngettext("%(count)d valeur enregistrée.", "%(count)d valeurs enregistrées.", count)
                    % {"count": count},
                )
                return HttpResponseRedirect(f"{request.path}?indicator={indicator.code}")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "chantier": chantier,
            "indicator": indicator,
            "indicators": indicators,
            "title": _("Valeurs de %(chantier)s : %(indicator)s")
            % {"chantier": chantier.display_name, "indicator": indicator.name},
            "formset": formset,
        }
        return TemplateResponse(
            request, "admin/diagnostic/value/entry.html", context, status=400 if formset.is_bound else 200
        )

    def export_view(self, request: HttpRequest, chantier_id: int, fmt: str) -> HttpResponse:
        chantier = self._chantier(request, chantier_id, "view")
        rows = spreadsheets.export_rows(chantier)
        if fmt == "xlsx":
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            response = HttpResponse(spreadsheets.to_xlsx(rows), content_type=content_type)
        elif fmt == "csv":
            response = HttpResponse(spreadsheets.to_csv(rows), content_type="text/csv; charset=utf-8")
        else:
            raise Http404
        response["Content-Disposition"] = f'attachment; filename="diagnostic-{chantier.slug}.{fmt}"'
        return response

    def import_view(self, request: HttpRequest, chantier_id: int) -> HttpResponse:
        chantier = self._chantier(request, chantier_id)
        errors: list[str] = []
        if request.method == "POST":
            upload = request.FILES.get("file")
            if upload is None:
                errors = [gettext("Choisissez un fichier xlsx ou CSV.")]
            elif (upload.size or 0) > 5 * 1024 * 1024:
                errors = [gettext("Le fichier dépasse 5 Mo.")]
            else:
                try:
                    result = spreadsheets.import_values(chantier=chantier, rows=spreadsheets.read_rows(upload))
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
                    return HttpResponseRedirect(reverse("admin:diagnostic_value_entry", args=[chantier.pk]))
        context: dict[str, Any] = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "chantier": chantier,
            "title": _("Importer les valeurs de %(chantier)s") % {"chantier": chantier.display_name},
            "errors": errors,
            "columns": spreadsheets.COLUMNS,
            "sources": list(Source.objects.all()),
        }
        return TemplateResponse(request, "admin/diagnostic/value/import.html", context, status=400 if errors else 200)
