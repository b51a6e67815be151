"""One roadmap action as HTML.

A Chantier page lists up to a hundred actions. Through a template partial each
costs about 0.2 ms of variable lookups and translation tags, and even
format_html's lazy-string checks add up; built here with the standard library's
escape, a hundred actions take a couple of milliseconds (docs/benchmarks.md).
Every value that is not a number goes through `escape`.
"""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from chantiers.models import RoadmapAction
from zen.web.languages import fallback_language
from zen.web.typography import long_date, percent

register = template.Library()


def _lang(action: RoadmapAction, field: str) -> str:
    """` lang="fr"` where the action's text is shown in French on a page in another language."""
    language = fallback_language(action, field)
    return f' lang="{language}"' if language else ""


@register.simple_tag
def roadmap_action(action: RoadmapAction, compact: bool = False) -> SafeString:
    """The action's card; `compact` leaves out its description (the theme page shows many Chantiers)."""
    html_id = f"action-{int(action.pk)}"
    status_label = RoadmapAction.Status(action.status).label
    parts = [
        f'<li class="action" id="{html_id}"><div class="action__head">',
        f'<h4 class="action__title"{_lang(action, "title")}>{escape(action.title)}</h4>',
        f'<span class="badge badge--{escape(action.status)}">{escape(str(status_label))}</span>',
    ]
    # Translated outside the f-strings: xgettext does not read calls inside them.
    if action.is_example:
        example_title = gettext("Action d’illustration, pas un engagement réel du Chantier")
        example = gettext("Exemple")
        parts.append(f'<span class="badge badge--example" title="{escape(example_title)}">{escape(example)}</span>')
    parts.append("</div>")
    if action.description and not compact:
        parts.append(f'<p class="action__description"{_lang(action, "description")}>{escape(action.description)}</p>')
    progress = int(action.progress)
    progress_label = gettext("%(progress)s réalisé") % {"progress": percent(progress)}
    parts.append(
        f'<div class="action__progress"><progress class="progress" max="100" value="{progress}" '
        f'aria-labelledby="{html_id}-progress"></progress>'
        f'<span id="{html_id}-progress">{escape(progress_label)}</span></div>'
    )
    leads = getattr(action, "lead_names", None)
    if leads is None:
        leads = [o.short_name or o.name for o in action.lead_organisations.all()]
    meta = []
    if leads:
        leads_label = gettext("Responsables")
        meta.append(f"<div><dt>{escape(leads_label)}</dt><dd>{escape(', '.join(leads))}</dd></div>")
    if action.target_date:
        due_label = gettext("Échéance")
        meta.append(
            f"<div><dt>{escape(due_label)}</dt><dd>"
            f'<time datetime="{action.target_date.isoformat()}">{escape(long_date(action.target_date))}'
            "</time></dd></div>"
        )
    if meta:
        parts.append(f'<dl class="action__meta">{"".join(meta)}</dl>')
    parts.append("</li>")
    return mark_safe("".join(parts))
