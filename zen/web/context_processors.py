from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language


def site(request: HttpRequest) -> dict[str, Any]:
    """The page in each language (hreflang links, language switcher) and its absolute address."""
    current = get_language()
    alternates = {
        code: request.build_absolute_uri(translate_url(request.path, code)) for code, _name in settings.LANGUAGES
    }
    return {
        "alternates": alternates,
        "other_languages": [
            {"code": code, "name": name, "url": translate_url(request.get_full_path(), code)}
            for code, name in [("fr", "Français"), ("en", "English")]
            if code != current
        ],
        "canonical_url": alternates.get(current, request.build_absolute_uri(request.path)),
    }
