"""Blocks of the public pages rendered once per content they show (zen/web/fragments.py).

A Chantier's card (templates/includes/chantier_card.html: home, the list), its
column on a theme page (templates/chantiers/_theme_column.html), and the lists of
roadmap actions of a Chantier's page (templates/chantiers/_roadmap_actions.html),
the most costly part of a large Chantier's page: after an edit to one action,
the other themes' lists are served as they were.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from chantiers.models import Chantier, RoadmapAction, Theme
from zen.web.fragments import cached_fragments
from zen.web.languages import fallback_language
from zen.web.typography import long_date, percent


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


def _action_labels() -> dict[str, Any]:
    """The roadmap partial's constant strings, translated once per page."""
    return {
        "example": gettext("Exemple"),
        "example_title": gettext("Action d’illustration, pas un engagement réel du Chantier"),
        "leads": gettext("Responsables"),
        "target_date": gettext("Échéance"),
        "progress": gettext("%(progress)s réalisé"),  # with the percent as the language writes it
        "statuses": {value: str(label) for value, label in RoadmapAction.Status.choices},
    }


def _lang(action: RoadmapAction, field: str) -> SafeString:
    """` lang="fr"` where the action's text is shown in French on a page in another language."""
    language = fallback_language(action, field)
    return SafeString(f' lang="{language}"' if language else "")  # a language code from the settings


def action_card(action: RoadmapAction, labels: dict[str, Any]) -> dict[str, str | bool]:
    """What the partial shows of one action: its whole content, as the template engine reads fastest (dict keys).

    Its leads are those `attach_lead_names` found the public may see.
    """
    progress = int(action.progress)
    return {
        # Numbers as text: the template engine would localise each one (and group the digits of an id).
        "pk": str(action.pk),
        "title": action.title,
        "title_lang": _lang(action, "title"),
        "status": action.status,
        "status_label": labels["statuses"][action.status],
        "is_example": action.is_example,
        "description": action.description,
        "description_lang": _lang(action, "description") if action.description else "",
        "progress": str(progress),
        "progress_label": labels["progress"] % {"progress": percent(progress)},
        "leads": ", ".join(action.lead_names),
        "target_date": action.target_date.isoformat() if action.target_date else "",
        "target_date_label": long_date(action.target_date) if action.target_date else "",
    }


def roadmap_action_lists(lists: Sequence[Sequence[RoadmapAction]]) -> list[SafeString]:
    """Each list's cards as HTML (a Chantier page's themes, leads attached); one cache round trip for them all.

    A list's content is its cards' dicts, which hold everything the partial shows
    but its constant strings (which follow the language and the code, both in the key).
    """
    labels = _action_labels()
    cards = [[action_card(action, labels) for action in actions] for actions in lists]
    return cached_fragments(
        "roadmap-actions",
        cards,
        lambda shown: tuple(tuple(card.items()) for card in shown),
        lambda shown: render_to_string("chantiers/_roadmap_actions.html", {"actions": shown, "labels": labels}),
    )
