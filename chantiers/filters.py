import django_filters
from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from chantiers.models import Chantier, Event, Region, RoadmapAction, Theme


class RegionChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj: Region) -> str:
        return obj.name


class RegionFilter(django_filters.ModelChoiceFilter):
    field_class = RegionChoiceField


class SearchTextField(forms.CharField):
    """Any text: what cannot be searched (a NUL character too) gets chantiers.search's message, not a 400."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.validators = [v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)]


class SearchFilter(django_filters.CharFilter):
    field_class = SearchTextField


class ChantierFilter(django_filters.FilterSet):
    # No max_length: a query too long is an empty result with a message (chantiers.search), not a 400.
    q = SearchFilter(method="search", label=_("Rechercher"))
    region = RegionFilter(
        queryset=Region.objects.all(),
        field_name="regions",
        to_field_name="slug",
        label=_("Région"),
        empty_label=_("Toutes les régions"),
    )
    status = django_filters.ChoiceFilter(
        choices=[(Chantier.Status.ACTIVE, _("Actif")), (Chantier.Status.CANDIDATE, _("Candidat"))],
        label=_("Statut"),
        empty_label=_("Tous les statuts"),
    )
    theme = django_filters.ModelChoiceFilter(
        queryset=Theme.objects.current(),
        to_field_name="slug",
        method="with_theme",
        label=_("Thème de la feuille de route"),
        empty_label=_("Tous les thèmes"),
    )

    class Meta:
        model = Chantier
        fields = ["q", "region", "status", "theme"]

    def search(self, queryset, name, value):
        # The words are searched by chantiers.search (ranked, with the reasons), in the view.
        return queryset

    def with_theme(self, queryset, name, value):
        return queryset.filter(actions__theme=value, actions__is_published=True)


class ChantierChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj: Chantier) -> str:
        return obj.display_name


class ChantierFilterChoice(django_filters.ModelChoiceFilter):
    field_class = ChantierChoiceField


class EventFilter(django_filters.FilterSet):
    """The upcoming events across Chantiers, by Chantier, by region, and by theme (of the Chantier's roadmap)."""

    chantier = ChantierFilterChoice(
        queryset=Chantier.objects.published().order_by("name"),
        to_field_name="slug",
        field_name="chantier",
        label=_("Chantier"),
        empty_label=_("Tous les Chantiers"),
    )
    region = RegionFilter(
        queryset=Region.objects.all(),
        field_name="chantier__regions",
        to_field_name="slug",
        label=_("Région"),
        empty_label=_("Toutes les régions"),
    )
    theme = django_filters.ModelChoiceFilter(
        queryset=Theme.objects.current(),
        to_field_name="slug",
        method="with_theme",
        label=_("Thème de la feuille de route"),
        empty_label=_("Tous les thèmes"),
    )

    class Meta:
        model = Event
        fields = ["chantier", "region", "theme"]

    def with_theme(self, queryset, name, value):
        working_on = RoadmapAction.objects.filter(theme=value, is_published=True).values("chantier")
        return queryset.filter(chantier__in=working_on)
