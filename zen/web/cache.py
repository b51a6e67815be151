"""Whole-page cache for the public site: an edit cools only the pages that show it.

Every public page is the same for every anonymous visitor, so a rendered page is
cached under its full path (the language is part of the path), with the content
versions it was rendered at. A page is one of two kinds:

- a page of one *owner* (in this project a Chantier, named by the view argument the
  decorator is told of: its page, its contact page, its feed) depends on that
  owner's version and on the *shared* version;
- any other page (home, lists, themes, map, feeds, API, open data) may show every
  owner's content, and depends on the version *of everything*.

A change says whose content it is (`content_changed`, wired to the models' signals in
zen/invalidation.py): one owner's content bumps that owner's version, shared content
the shared version, and either bumps the version of everything. So an edit to one
Chantier shows on the next view of every page that shows it, while the other
Chantiers' pages stay cached.

Pages live in the shared cache (Redis in production) and, for the pages a
process served recently, in that process's memory too: a hit then costs one
small round trip, to read the current versions, and no compression either, as
the gzipped body is kept beside the plain one.

The key is the page, not the query string: a view declares the query parameters it
reads (`query=`), each with how its values compare (`Param`). The view then sees
only those, normalised (sorted, empty ones dropped, one value each), and everything
else in the query string is ignored: `?utm_source=…` or a flood of random `?x=…` is
served the page already cached, and renders nothing. A free-text search is
rendered for each value and never stored, and a view may keep out a page that is
not the one its query names (`keep_out_of_cache`: a page number past the last).

Only pages made for nobody in particular are kept, or served from the cache:
- a request that carries a session cookie (a signed-in coordinator, or any session)
  or has a message waiting (allauth's "signed in", "signed out") is rendered fresh,
  and its page kept nowhere;
- a page is stored only once every middleware has had its say
  (`PublicPageCacheMiddleware`, placed before the session, message and CSRF
  middleware): a response that sets any cookie (session, CSRF token, messages,
  language) is someone's, and is not kept.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.messages import get_messages
from django.core import checks
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.template.response import SimpleTemplateResponse
from django.utils.cache import patch_vary_headers

# Version keys: of everything (bumped by every change), of shared content, of one owner.
EVERYTHING = "page-version:everything"
SHARED = "page-version:shared"
CODE_PATHS = ("templates", "zen", "chantiers", "partners", "locale")
# Headers a view sets that a cached copy must carry again (middleware adds the rest).
KEPT_HEADERS = ("Content-Type", "Access-Control-Allow-Origin")

# A cached page: (the content versions it was rendered at, kept headers, body, gzipped body).
type Versions = tuple[int, ...]
type Entry = tuple[Versions, list[tuple[str, str]], bytes, bytes]
type View = Callable[..., HttpResponse]
# Request attributes: the page `public_page` rendered, for the middleware to store; kept out of the cache.
TO_STORE = "_zen_public_page_to_store"
KEPT_OUT = "_zen_public_page_kept_out"


@functools.cache
def code_fingerprint() -> str:
    """A digest of the code and templates, so a deploy never serves pages rendered by the last one."""
    digest = hashlib.sha256()
    for folder in CODE_PATHS:
        for path in sorted((settings.BASE_DIR / folder).rglob("*")):
            if path.suffix in {".py", ".html", ".txt", ".mo"} and "migrations" not in path.parts:
                digest.update(path.relative_to(settings.BASE_DIR).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def owner_version_key(owner: str) -> str:
    return f"page-version:owner:{owner}"


def content_changed(owners: Collection[str] | None) -> None:
    """Content shown on these owners' pages changed; None: shared content, which any page may show.

    The versions are bumped now, so the change shows on the next view, and again
    once the transaction commits: a page rendered in between, from the data as it
    was before the commit, was stored under a version no request will ask for again.
    """
    keys = [EVERYTHING, *([SHARED] if owners is None else [owner_version_key(owner) for owner in sorted(owners)])]
    _bump(keys)
    transaction.on_commit(lambda: _bump(keys))


def _bump(keys: list[str]) -> None:
    for key in keys:
        try:
            cache.incr(key)
        except ValueError:  # no version yet, or evicted: a new one, never used before
            cache.add(key, time.time_ns(), timeout=None)


def _versions(keys: list[str]) -> tuple[int | None, ...]:
    """The current versions of `keys`: None for one that does not exist (yet, or any more)."""
    found = cache.get_many(keys)
    return tuple(found.get(key) for key in keys)


def _start_versions(keys: list[str]) -> dict[str, int] | None:
    """New versions for keys that had none, from the clock (so no page stored under a lost one can match again).

    Called only on the way out of a page worth storing, so an address naming nothing (a
    made-up slug, a 404) creates no key. None unless this request created every one: a key
    someone else created meanwhile may come from a change the page was rendered before.
    """
    versions = {key: time.time_ns() for key in keys}
    if all(cache.add(key, version, timeout=None) for key, version in versions.items()):
        return versions
    return None


class _RecentPages:
    """A small per-process LRU of rendered pages, in front of the shared cache."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.pages: OrderedDict[str, Entry] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> Entry | None:
        with self.lock:
            entry = self.pages.get(key)
            if entry is not None:
                self.pages.move_to_end(key)
            return entry

    def put(self, key: str, entry: Entry) -> None:
        with self.lock:
            self.pages[key] = entry
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.pages.clear()


recent_pages = _RecentPages(size=256)


def _as_is(value: str) -> str:
    return value


@dataclass(frozen=True)
class Param:
    """How a query parameter takes part in a page's key: its canonical value (None: as if absent)."""

    canonical: Callable[[str], str | None] = _as_is
    stored: bool = True  # False: free text, any value is a new page; rendered each time, never stored


def _page_number(value: str) -> str | None:
    """A page number as Django's paginator reads it; the first page, or anything else, shows as if absent."""
    try:
        number = int(value)
    except ValueError:
        return None
    return None if number == 1 else str(number)


def _integer(value: str) -> str:
    """An integer as a form's IntegerField reads it; anything else stays, for the view to refuse."""
    try:
        return str(forms.IntegerField().clean(value))
    except forms.ValidationError:
        return value


CHOICE = Param()  # a value out of a known set (a slug, a status): an unknown one makes the view answer 400
SEARCH = Param(stored=False)
PAGE_NUMBER = Param(_page_number)
INTEGER = Param(_integer)


def canonical_query(query: QueryDict, params: Mapping[str, Param]) -> str:
    """The query string a page is known by: its declared parameters, sorted, one value each (the last,
    as Django's forms read it), empty ones dropped; the rest ignored."""
    pairs = []
    for name in sorted(params):
        value = query.get(name)
        canonical = None if value is None else params[name].canonical(value)
        if canonical:
            pairs.append((name, canonical))
    return urlencode(pairs)


def keep_out_of_cache(request: HttpRequest) -> None:
    """Do not store this request's page: it is not the one its address names (say, a page number past the last)."""
    setattr(request, KEPT_OUT, True)


def _accepts_gzip(request: HttpRequest) -> bool:
    return "gzip" in request.headers.get("Accept-Encoding", "")


def _for_anyone(request: HttpRequest) -> bool:
    """Whether the page for this request is the one every anonymous visitor gets.

    Not with a session cookie: the session may be a signed-in person's, or hold their
    messages. Not with a message waiting (in a cookie, with the default storage): the
    page would show it.
    """
    return (
        request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not len(get_messages(request))
    )


def public_page(view: View | None = None, *, owner: str | None = None, query: Mapping[str, Param] | None = None) -> Any:
    """Cache a public GET view's successful responses until the content they show changes.

    `owner`: the view argument naming the owner (the Chantier's slug) whose page this
    is; without it, the page may show anyone's content. `query`: the query parameters
    the view reads; it sees no other.
    """
    params = query or {}
    if view is None:
        return functools.partial(public_page, owner=owner, query=params)
    page_view = view

    @functools.wraps(page_view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        _only_the_declared_query(request, params)
        searched = any(not param.stored and request.GET.get(name) for name, param in params.items())
        if searched or not _for_anyone(request) or settings.PUBLIC_PAGE_CACHE_SECONDS <= 0:  # 0: cache off
            response = page_view(request, *args, **kwargs)
            patch_vary_headers(response, ["Cookie"])
            return response
        address = f"{code_fingerprint()}:{request.get_host()}{request.get_full_path()}"
        key = "page:" + hashlib.sha256(address.encode()).hexdigest()
        version_keys = [SHARED, owner_version_key(kwargs[owner])] if owner else [EVERYTHING]
        versions = _versions(version_keys)
        entry = recent_pages.get(key)
        if entry is None or entry[0] != versions:
            entry = cache.get(key)  # an Entry, as stored by the middleware
            if entry is not None and entry[0] == versions:
                recent_pages.put(key, entry)
        if entry is not None and entry[0] == versions:
            _, headers, body, compressed = entry
            if _accepts_gzip(request):
                response = HttpResponse(compressed)
                response["Content-Encoding"] = "gzip"
            else:
                response = HttpResponse(body)
            for name, value in headers:
                response[name] = value
            patch_vary_headers(response, ["Accept-Encoding", "Cookie"])
            response["X-Page-Cache"] = "hit"
            return response

        response = page_view(request, *args, **kwargs)
        if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
            response.render()
        if response.status_code == 200 and not response.streaming and not getattr(request, KEPT_OUT, False):
            setattr(request, TO_STORE, (key, version_keys, versions))  # if nothing on its way out makes it someone's
        patch_vary_headers(response, ["Accept-Encoding", "Cookie"])
        return response

    return wrapper


def _only_the_declared_query(request: HttpRequest, params: Mapping[str, Param]) -> None:
    """Let the view see the canonical query only, so that it renders the page the key names."""
    canonical = canonical_query(request.GET, params)
    if canonical != request.META.get("QUERY_STRING", ""):
        request.META["QUERY_STRING"] = canonical
        request.GET = QueryDict(canonical)  # immutable, as Django's own


MIDDLEWARE_PATH = "zen.web.cache.PublicPageCacheMiddleware"
# Middleware that set cookies on the way out: the cache's middleware must sit before (outside) them.
COOKIE_SETTERS = (
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
)


def check_middleware(**kwargs: Any) -> list[checks.CheckMessage]:
    """Without the middleware pages are never stored; after a cookie setter, someone's page could be."""
    middleware = list(settings.MIDDLEWARE)
    if MIDDLEWARE_PATH not in middleware:
        return [checks.Warning(f"{MIDDLEWARE_PATH} is not in MIDDLEWARE: no public page is cached.", id="web.W001")]
    position = middleware.index(MIDDLEWARE_PATH)
    inner = [name for name in COOKIE_SETTERS if name in middleware and middleware.index(name) < position]
    if inner:
        return [
            checks.Error(
                f"{MIDDLEWARE_PATH} must come before {', '.join(inner)} in MIDDLEWARE, "
                "or it cannot see the cookies they set, and could store a page made for one person.",
                id="web.E001",
            )
        ]
    return []


class PublicPageCacheMiddleware:
    """Stores the pages `public_page` rendered, once the response is final.

    It sits before (outside) the session, message and CSRF middleware, so it sees the
    cookies they set on the way out: a response that sets any cookie is not stored.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        to_store: tuple[str, list[str], tuple[int | None, ...]] | None = getattr(request, TO_STORE, None)
        if to_store is None or response.cookies or not isinstance(response, HttpResponse):
            return response
        key, version_keys, read = to_store
        started = _start_versions([name for name, version in zip(version_keys, read, strict=True) if version is None])
        if started is None:  # the cache is unreachable, or a change came in the meantime
            return response
        pairs = zip(version_keys, read, strict=True)
        versions: Versions = tuple(started[name] if version is None else version for name, version in pairs)
        body = response.content
        entry = (
            versions,
            [(name, response[name]) for name in KEPT_HEADERS if response.has_header(name)],
            body,
            gzip.compress(body, compresslevel=6, mtime=0),
        )
        cache.set(key, entry, settings.PUBLIC_PAGE_CACHE_SECONDS)
        recent_pages.put(key, entry)
        if _accepts_gzip(request) and not response.has_header("Content-Encoding"):
            response.content = entry[3]
            response["Content-Encoding"] = "gzip"
            response["Content-Length"] = str(len(entry[3]))
        return response
