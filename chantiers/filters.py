import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chantiers.models import Chantier, Region, Theme


class RegionChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj: Region) -> str:
        return obj.name


class RegionFilter(django_filters.ModelChoiceFilter):
    field_class = RegionChoiceField


class ChantierFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Rechercher"), max_length=100)
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
        terms = Q()
        for word in value.split():
            terms &= (
                Q(name__icontains=word)
                | Q(short_name__icontains=word)
                # Both languages' columns, whatever the page's language (a plain `summary`
                # lookup would read only the active language's column).
                | Q(territory_fr__icontains=word)
                | Q(territory_en__icontains=word)
                | Q(summary_fr__icontains=word)
                | Q(summary_en__icontains=word)
                | Q(regions__name__icontains=word)
            )
        return queryset.filter(terms)

    def with_theme(self, queryset, name, value):
        return queryset.filter(actions__theme=value, actions__is_published=True)
