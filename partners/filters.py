import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partners.models import Organisation


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Rechercher"), max_length=100)
    kind = django_filters.ChoiceFilter(
        choices=Organisation.Kind.choices, label=_("Type d’organisation"), empty_label=_("Tous les types")
    )

    class Meta:
        model = Organisation
        fields = ["q", "kind"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value))
