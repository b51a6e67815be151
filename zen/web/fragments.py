"""Rendered fragments kept under the content they show, for pages that repeat other pages' blocks.

The home page and the Chantier list show the same Chantier cards; rendering
them is most of those pages' cost once their data is read. A fragment is kept
under a digest of everything it shows (`content`, given by the caller from the
rows it has already read), the language and the code: when what a block shows
changes, so does its key, so a stale fragment can never be served and nothing
needs invalidating. Unused fragments expire.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Sequence

from django.core.cache import cache
from django.db import models
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from zen.web.cache import code_fingerprint

KEEP_SECONDS = 3600  # a fragment's key changes with its content, so this only bounds the memory used


def cached_fragments[T](
    name: str, items: Sequence[T], content: Callable[[T], Hashable], render: Callable[[T], str]
) -> list[SafeString]:
    """Each item's fragment, from the cache where its content was rendered before; one cache round trip."""
    prefix = f"fragment:{name}:{code_fingerprint()}:{get_language()}:"
    keys = [prefix + hashlib.sha256(repr(content(item)).encode()).hexdigest() for item in items]
    found: dict[str, str] = cache.get_many(keys)
    missing: dict[str, str] = {}
    fragments = []
    for key, item in zip(keys, items, strict=True):
        html = found.get(key)
        if html is None:
            html = missing[key] = render(item)
        fragments.append(mark_safe(html))  # rendered by our own templates
    if missing:
        cache.set_many(missing, KEEP_SECONDS)
    return fragments


def row_values(row: models.Model) -> tuple[object, ...]:
    """Every column of a row as read, for a fragment's content: any change to the row changes the key.

    Safer than naming the fields a template shows, where a field added to the
    template but not to the list would leave fragments stale. Columns deferred by
    `only()` are left out rather than read.
    """
    deferred = row.get_deferred_fields()
    return (row._meta.label, *(getattr(row, f.attname) for f in row._meta.concrete_fields if f.attname not in deferred))
