"""Chantier cards (templates/includes/chantier_card.html), rendered once per content they show."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from chantiers.models import Chantier
from zen.web.fragments import cached_fragments
from zen.web.languages import fallback_language


def card_content(chantier: Chantier) -> Hashable:
    """Everything the card shows, from `with_card_data()`'s rows. Keep in step with the template."""
    phase = chantier.current_phase
    return (
        chantier.pk,
        chantier.slug,
        chantier.name,
        chantier.short_name,
        chantier.status,
        chantier.summary,
        fallback_language(chantier, "summary"),
        tuple(region.name for region in chantier.regions.all()),
        tuple((p.organisation.short_name, p.organisation.name) for p in getattr(chantier, "carrier_partnerships", [])),
        (phase.name, fallback_language(phase, "name")) if phase else None,
        chantier.action_count,
        chantier.roadmap_progress,
    )


def chantier_cards(chantiers: Sequence[Chantier]) -> list[tuple[Chantier, SafeString]]:
    """Each Chantier with its card's HTML."""
    cards = cached_fragments(
        "chantier-card",
        chantiers,
        card_content,
        lambda chantier: render_to_string("includes/chantier_card.html", {"chantier": chantier}),
    )
    return list(zip(chantiers, cards, strict=True))
