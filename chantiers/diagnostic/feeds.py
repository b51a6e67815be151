"""New values of a Chantier's diagnostic, as entries of its Atom feed (chantiers/feeds.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from chantiers.diagnostic.models import Value
from chantiers.diagnostic.templatetags.diagnostic import number
from chantiers.models import Chantier


@dataclass
class NewValues:
    """Values entered together for one indicator, year and kind (the sectors of one year make one entry)."""

    chantier: Chantier
    values: list[Value]
    date: datetime

    @property
    def first(self) -> Value:
        return self.values[0]

    @property
    def is_example(self) -> bool:
        return any(value.is_example for value in self.values)

    @property
    def title(self) -> str:
        value = self.first
        title = _("%(chantier)s — %(indicator)s, %(year)s") % {
            "chantier": self.chantier.display_name,
            "indicator": value.indicator.name,
            "year": value.year,
        }
        return _("%(title)s (exemple)") % {"title": title} if self.is_example else title

    @property
    def description(self) -> str:
        value = self.first
        parts = [_("Exemple")] if self.is_example else []
        parts.append(
            _("Nouvelle valeur du diagnostic") if len(self.values) == 1 else _("Nouvelles valeurs du diagnostic")
        )
        parts.append(value.get_kind_display())
        if value.sector_id:
            parts.append(_("%(count)s secteur(s)") % {"count": len(self.values)})
        else:
            parts.append(f"{number(value.value, value.indicator.decimals)}\u00a0{value.indicator.get_unit_display()}")
        parts.append(_("source : %(source)s") % {"source": value.source.publisher})
        return " · ".join(parts)

    @property
    def link(self) -> str:
        return f"{reverse('chantiers:detail', args=[self.chantier.slug])}#diagnostic"

    @property
    def guid(self) -> str:
        value = self.first
        newest = max(v.pk for v in self.values)
        return f"urn:collectiviteszen:values:{value.indicator.code}:{value.year}:{value.kind}:{newest}"


def new_values(chantier: Chantier, limit: int) -> list[NewValues]:
    """The latest values entered for `chantier`, grouped by indicator, year and kind; newest first. One query."""
    recent = (
        Value.objects.filter(chantier=chantier)
        .select_related("indicator", "source")
        .order_by("-created_at", "-pk")[: limit * 8]  # up to seven sectors a year, and a total
    )
    groups: dict[tuple, NewValues] = {}
    for value in recent:
        key = (value.indicator_id, value.year, value.kind)
        if key in groups:
            groups[key].values.append(value)
        else:
            groups[key] = NewValues(chantier, [value], value.created_at)
    return list(groups.values())[:limit]
