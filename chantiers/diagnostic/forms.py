from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chantiers.diagnostic.models import FIRST_YEAR, LAST_YEAR, Indicator, Sector


class CodeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class ComparisonForm(forms.Form):
    """What the comparison page shows; every parameter optional, a bad one is a 400 that names it."""

    indicator = CodeChoiceField(
        queryset=Indicator.objects.exclude(code="population"),
        to_field_name="code",
        required=False,
        label=_("Indicateur"),
        empty_label=None,
    )
    sector = CodeChoiceField(
        queryset=Sector.objects.all(),
        to_field_name="code",
        required=False,
        label=_("Secteur (pour les émissions par secteur)"),
        empty_label=_("Transport (par défaut)"),
    )
    year = forms.IntegerField(
        min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False, label=_("Année (la plus récente par défaut)")
    )
    per = forms.ChoiceField(
        choices=[("habitant", _("Par habitant")), ("total", _("Valeur absolue"))],
        required=False,
        label=_("Rapporté à"),
    )
