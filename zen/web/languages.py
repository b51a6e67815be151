"""Which language a translated text is shown in.

Content is written in French, the source, and optionally translated
(django-modeltranslation keeps one column per language: `summary_fr`,
`summary_en`). A page in another language shows the translation where it
exists and the French text otherwise; that French text must then say so
(`lang="fr"`), for screen readers, translation tools and search engines.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language


def fallback_language(obj: object, field: str) -> str | None:
    """The source language when `obj.<field>` shows it on a page in another language, else None.

    `field` is the translated field's plain name ("summary"); a missing
    translation is an empty or null `<field>_<language>` column.
    """
    source = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    language = get_language() or source
    if language == source or getattr(obj, f"{field}_{language.replace('-', '_')}", None):
        return None
    return source
