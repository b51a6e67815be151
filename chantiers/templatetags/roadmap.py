"""Roadmap actions as a template partial: chantiers/_roadmap_actions.html.

A Chantier page lists up to a hundred actions and the theme page many more, so
the partial is included once per list, not once per action; its constant
strings (labels, status names, the progress sentence) are translated once per
page render, and each action reaches it as a dict of the values it shows, which
the template engine reads far faster than model attributes (docs/benchmarks.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from chantiers.models import RoadmapAction
from zen.web.languages import fallback_language
from zen.web.typography import long_date, percent

register = template.Library()


def _labels(context: template.Context) -> dict[str, Any]:
    """The partial's translated constant strings, once per page render and language."""
    key = f"roadmap-labels:{get_language()}"
    labels = context.render_context.get(key)
    if labels is None:
        labels = {
            "example": gettext("Exemple"),
            "example_title": gettext("Action d’illustration, pas un engagement réel du Chantier"),
            "leads": gettext("Responsables"),
            "target_date": gettext("Échéance"),
            "progress": gettext("%(progress)s réalisé"),  # with the percent as the language writes it
            "statuses": {value: str(label) for value, label in RoadmapAction.Status.choices},
        }
        context.render_context[key] = labels
    return labels


def _lang(action: RoadmapAction, field: str) -> SafeString:
    """` lang="fr"` where the action's text is shown in French on a page in another language."""
    language = fallback_language(action, field)
    return SafeString(f' lang="{language}"' if language else "")  # a language code from the settings


def card(action: RoadmapAction, labels: dict[str, Any], compact: bool) -> dict[str, Any]:
    """What the partial shows of one action."""
    leads = getattr(action, "lead_names", None)
    if leads is None:
        leads = [o.short_name or o.name for o in action.lead_organisations.all()]
    progress = int(action.progress)
    description = "" if compact else action.description
    return {
        # Numbers as text: the template engine would localise each one (and group the digits of an id).
        "pk": str(action.pk),
        "title": action.title,
        "title_lang": _lang(action, "title"),
        "status": action.status,
        "status_label": labels["statuses"][action.status],
        "is_example": action.is_example,
        "description": description,
        "description_lang": _lang(action, "description") if description else "",
        "progress": str(progress),
        "progress_label": labels["progress"] % {"progress": percent(progress)},
        "leads": ", ".join(leads),
        "target_date": action.target_date.isoformat() if action.target_date else "",
        "target_date_label": long_date(action.target_date) if action.target_date else "",
    }


@register.inclusion_tag("chantiers/_roadmap_actions.html", takes_context=True)
def roadmap_actions(context: template.Context, actions: Iterable[RoadmapAction], compact: bool = False) -> dict:
    """The actions' cards; `compact` leaves out their descriptions (the theme page shows many Chantiers)."""
    labels = _labels(context)
    return {"actions": [card(action, labels, compact) for action in actions], "labels": labels}
