"""Numbers of the diagnostic, written for the page's language: `12 345,6` in French, `12,345.6` in English."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def number(value: Decimal | float | None, decimals: int = 0) -> str:
    """The number grouped by thousands in the page's language; "n.d." where there is none (never 0)."""
    if value is None:
        return _("n.d.")
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


@register.simple_tag
def amount(value: Decimal | None, decimals: int = 0, unit: str = "") -> SafeString:
    """A figure with its unit (`12 345 t éq. CO2`), or "n.d." spelled out for assistive technology."""
    if value is None:
        return format_html('<abbr title="{}">{}</abbr>', _("non disponible"), _("n.d."))
    if unit:
        return format_html("{}\u00a0{}", number(value, decimals), unit)
    return format_html("{}", number(value, decimals))
