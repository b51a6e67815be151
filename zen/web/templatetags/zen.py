import datetime
import functools

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString

from zen.web import typography
from zen.web.languages import fallback_language
from zen.web.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    return render_markdown(text or "")


@register.filter
def fallback_lang(obj: object, field: str) -> SafeString:
    """` lang="fr"` for an element showing `obj.<field>` in French on a page in another language.

    `<p{{ chantier|fallback_lang:"summary" }}>{{ chantier.summary }}</p>`
    """
    language = fallback_language(obj, field)
    return format_html(' lang="{}"', language) if language else SafeString("")


@register.filter
def long_date(value: datetime.date | None) -> str:
    """ "1er décembre 2026" / "December 1, 2026" (zen/web/typography.py); every displayed day uses it."""
    return typography.long_date(value)


@register.filter
def long_datetime(value: datetime.datetime | None) -> str:
    return typography.long_datetime(value)


@register.filter
def month(value: datetime.date | None) -> str:
    return typography.month(value)


@register.filter
def percent(value: float | None) -> str:
    """ "21 %" with a non-breaking space in French, "21%" in English."""
    return typography.percent(value)


@register.filter
def machine_datetime(value: datetime.date | None) -> str:
    """For `<time datetime>`: without the microseconds that `|date:'c'` writes and HTML refuses."""
    return typography.machine_datetime(value)


@functools.cache
def _sprite_url() -> str:
    return static("vendor/lucide-1.62.0/icons.svg")


@register.simple_tag
def icon(name: str, extra_class: str = "") -> SafeString:
    """An icon from our sprite, hidden from assistive technology (the text beside it says it all)."""
    return format_html(
        '<svg class="icon{}" aria-hidden="true" focusable="false" width="24" height="24">'
        '<use href="{}#{}"></use></svg>',
        f" {extra_class}" if extra_class else "",
        _sprite_url(),
        name,
    )
