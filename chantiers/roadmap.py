"""A Chantier's feuille de route as the public reads it: grouped by theme."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.db.models import Exists, OuterRef

from chantiers.models import Chantier, RoadmapAction, Theme, ThemeProgress


@dataclass
class ThemeRoadmap:
    theme: Theme
    actions: list[RoadmapAction] = field(default_factory=list)
    # Program staff's own figure, shown beside the average where that misleads.
    estimate: ThemeProgress | None = None

    @cached_property
    def counted(self) -> list[RoadmapAction]:
        return [a for a in self.actions if a.status != RoadmapAction.Status.ABANDONED]

    @cached_property
    def progress(self) -> int | None:
        """Mean progress of the actions still pursued; None when there are none."""
        return mean_progress(self.counted)

    @cached_property
    def done(self) -> int:
        return sum(1 for a in self.actions if a.status == RoadmapAction.Status.DONE)


def group_by_theme(
    themes: list[Theme], actions: list[RoadmapAction], estimates: Sequence[ThemeProgress] = ()
) -> list[ThemeRoadmap]:
    """One entry per theme, in the roadmap's order, including themes with no action yet."""
    sections = {theme.pk: ThemeRoadmap(theme) for theme in themes}
    for action in actions:
        if action.theme_id in sections:
            sections[action.theme_id].actions.append(action)
    for estimate in estimates:
        if estimate.theme_id in sections:
            sections[estimate.theme_id].estimate = estimate
    return list(sections.values())


def overall_progress(actions: list[RoadmapAction]) -> int | None:
    return mean_progress([a for a in actions if a.status != RoadmapAction.Status.ABANDONED])


def mean_progress(actions: list[RoadmapAction]) -> int | None:
    """Rounded half up, like the database averages shown on cards (floatformat)."""
    if not actions:
        return None
    mean = Decimal(sum(a.progress for a in actions)) / len(actions)
    return int(mean.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def attach_lead_names(actions: list[RoadmapAction]) -> list[RoadmapAction]:
    """Set `lead_names` and `lead_slugs` on each action: its leads the public may see, from one query.

    A lead organisation is named only where its partnership in the action's Chantier
    is public (it agreed to be named there); leading an action does not make it so.
    Cheaper than prefetching Organisation objects for pages that only show names.
    """
    partnership = Chantier.partnerships.rel.related_model  # partners.Partnership, without importing it
    public_in_chantier = partnership._default_manager.filter(
        organisation_id=OuterRef("organisation_id"), chantier_id=OuterRef("roadmapaction__chantier_id"), is_public=True
    )
    names: dict[int, list[str]] = {action.pk: [] for action in actions}
    slugs: dict[int, list[str]] = {action.pk: [] for action in actions}
    links = (
        RoadmapAction.lead_organisations.through.objects.filter(roadmapaction_id__in=names)
        .filter(Exists(public_in_chantier))
        .order_by("organisation__name")
        .values_list("roadmapaction_id", "organisation__slug", "organisation__short_name", "organisation__name")
    )
    for action_id, slug, short_name, name in links:
        names[action_id].append(short_name or name)
        slugs[action_id].append(slug)
    for action in actions:
        action.lead_names = names[action.pk]
        action.lead_slugs = slugs[action.pk]
    return actions
