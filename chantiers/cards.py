"""Blocks that pages repeat for many Chantiers, rendered once per content they show (zen/web/fragments.py).

A Chantier's card (templates/includes/chantier_card.html: home, the list) and its
column on a theme page (templates/chantiers/_theme_column.html).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from chantiers.models import Chantier, Theme
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
        getattr(chantier, "search_reasons", ""),  # on a search's results: which fields matched
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


def theme_column_content(theme: Theme, chantier: Chantier) -> Hashable:
    """Everything a theme page's column shows, from `theme_detail`'s rows. Keep in step with the template."""
    return (
        theme.pk,
        theme.slug,
        chantier.pk,
        chantier.slug,
        chantier.display_name,
        tuple(region.name for region in chantier.regions.all()),
        getattr(chantier, "theme_action_count", None),
        getattr(chantier, "theme_progress", None),
        tuple((a.pk, a.title, fallback_language(a, "title")) for a in getattr(chantier, "first", [])),
    )


def theme_columns(theme: Theme, chantiers: Sequence[Chantier]) -> list[tuple[Chantier, SafeString]]:
    """Each Chantier with its column's HTML on `theme`'s page."""
    columns = cached_fragments(
        "theme-column",
        chantiers,
        lambda chantier: theme_column_content(theme, chantier),
        lambda chantier: render_to_string("chantiers/_theme_column.html", {"chantier": chantier, "theme": theme}),
    )
    return list(zip(chantiers, columns, strict=True))
