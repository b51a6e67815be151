"""Dates and percentages written the way a reader of each language expects.

French (Office québécois de la langue française): "1er décembre 2026" for the first
of the month, and a non-breaking space (U+00A0) before "%": "21 %". English:
"December 1, 2026" and "21%". Every date and percentage a page shows goes through
these functions (the `long_date` and `percent` template filters), so a page never
mixes the two.
"""

from __future__ import annotations

import datetime

from django.utils import formats, timezone
from django.utils.translation import get_language

NBSP = "\u00a0"


def _is_french() -> bool:
    return (get_language() or "fr").split("-")[0] == "fr"


def long_date(value: datetime.date | None) -> str:
    """A day in words: "1er décembre 2026", "3 décembre 2026"; "December 1, 2026"."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    if not _is_french():
        return formats.date_format(value, "F j, Y")
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {formats.date_format(value, 'F Y')}"


def long_datetime(value: datetime.datetime | None) -> str:
    """A moment in words: "1er décembre 2026 à 14 h 05", "December 1, 2026, 2:05 p.m."."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    if not _is_french():
        return f"{long_date(local)}, {formats.time_format(local, 'P')}"
    return f"{long_date(local)} à {formats.time_format(local, 'G \\h i')}"


def month(value: datetime.date | None) -> str:
    """A month in words: "décembre 2026", "December 2026"."""
    return formats.date_format(value, "F Y") if value is not None else ""


def percent(value: float | int | None) -> str:
    """A whole percentage: "21 %" (with U+00A0) in French, "21%" in English."""
    if value is None:
        return ""
    number = formats.number_format(round(value))
    return f"{number}{NBSP}%" if _is_french() else f"{number}%"


def machine_datetime(value: datetime.datetime | datetime.date | None) -> str:
    """A `<time datetime>` value HTML accepts: seconds at most, no microseconds."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()
