"""Whole-page cache for the public site, invalidated by any content change.

Every public page is the same for every anonymous visitor, so a rendered page is
cached under its full path (the language is part of the path), with the content
version it was rendered at. Any save or delete of public content bumps that
version (zen/apps.py): a change made in the admin shows on the very next public
view, and nothing needs to know which pages a given row appears on.

Pages live in the shared cache (Redis in production) and, for the pages a
process served recently, in that process's memory too: a hit then costs one
small round trip, to read the current version, and no compression either, as
the gzipped body is kept beside the plain one.

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
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.template.response import SimpleTemplateResponse
from django.utils.cache import patch_vary_headers

VERSION_KEY = "public-content-version"
CODE_PATHS = ("templates", "zen", "chantiers", "partners", "locale")
# Headers a view sets that a cached copy must carry again (middleware adds the rest).
KEPT_HEADERS = ("Content-Type", "Access-Control-Allow-Origin")

# A cached page: (content version, kept headers, body, gzipped body).
type Entry = tuple[int, list[tuple[str, str]], bytes, bytes]
type View = Callable[..., HttpResponse]
# The request attribute through which a page rendered by `public_page` reaches the middleware.
TO_STORE = "_zen_public_page_to_store"


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


def bump_content_version(**kwargs: Any) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet, or evicted
        _current_version()


def _current_version() -> int | None:
    """The content version; a lost one restarts from the clock, so no old page can match it again."""
    version: int | None = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


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


def public_page(view: View) -> View:
    """Cache a public GET view's successful responses until the content changes."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _for_anyone(request):
            response = view(request, *args, **kwargs)
            patch_vary_headers(response, ["Cookie"])
            return response
        address = f"{code_fingerprint()}:{request.get_host()}{request.get_full_path()}"
        key = "page:" + hashlib.sha256(address.encode()).hexdigest()
        version = _current_version()
        if version is None:  # the cache is unreachable: serve fresh pages, keep nothing
            return view(request, *args, **kwargs)
        entry = recent_pages.get(key)
        if entry is None or entry[0] != version:
            entry = cache.get(key)  # an Entry, as set below
            if entry is not None and entry[0] == version:
                recent_pages.put(key, entry)
        if entry is not None and entry[0] == version:
            _version, headers, body, compressed = entry
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

        response = view(request, *args, **kwargs)
        if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
            response.render()
        if response.status_code == 200 and not response.streaming:
            setattr(request, TO_STORE, (key, version))  # if nothing on its way out makes it someone's
        patch_vary_headers(response, ["Accept-Encoding", "Cookie"])
        return response

    return wrapper


class PublicPageCacheMiddleware:
    """Stores the pages `public_page` rendered, once the response is final.

    It sits before (outside) the session, message and CSRF middleware, so it sees the
    cookies they set on the way out: a response that sets any cookie is not stored.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        to_store: tuple[str, int] | None = getattr(request, TO_STORE, None)
        if to_store is None or response.cookies or not isinstance(response, HttpResponse):
            return response
        key, version = to_store
        body = response.content
        entry = (
            version,
            [(name, response[name]) for name in KEPT_HEADERS if response.has_header(name)],
            body,
            gzip.compress(body, compresslevel=6, mtime=0),
        )
        cache.set(key, entry, settings.PUBLIC_PAGE_CACHE_SECONDS)
        recent_pages.put(key, entry)
        return response
