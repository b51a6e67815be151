"""Uploaded files: public media served by the site itself, private media streamed to whoever may see them.

Two storages (settings.STORAGES): "default" holds public media (organisations'
logos, Chantiers' cover images), "private" what only reviewers see (the logos
sent with partner applications). On object storage, public media are read from
the bucket's public origin and this module serves nothing public. On the
filesystem nothing else serves MEDIA_ROOT (whitenoise is for static files: it
indexes them when the process starts), so `public_media` does: a sync gunicorn
worker hands the open file to the kernel (`wsgi.file_wrapper`, sendfile), and
the browser keeps it for a day. Private files have no URL of their own: a view
that checks the access rule streams them with `file_response`.
"""

from __future__ import annotations

import mimetypes

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import Storage, storages
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe

# Uploads are images re-encoded by Pillow; anything else in a media folder is not ours to serve.
IMAGE_TYPES = {"image/png", "image/jpeg", "image/webp", "image/gif"}
PUBLIC_MAX_AGE = 24 * 3600


def private_storage() -> Storage:
    """Where files only reviewers may see are kept (a callable, so the field follows STORAGES)."""
    return storages["private"]


def file_response(storage: Storage, name: str, *, cache_control: str) -> FileResponse:
    """The stored image `name` as a response, or 404 when it is missing, not an image or outside the storage."""
    content_type, _encoding = mimetypes.guess_type(name)
    if content_type not in IMAGE_TYPES:
        raise Http404
    try:
        if not storage.exists(name):
            raise Http404
        handle = storage.open(name, "rb")
    except (SuspiciousFileOperation, FileNotFoundError):
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = cache_control
    return response


@require_safe
def public_media(request: HttpRequest, path: str) -> FileResponse:
    """A public upload, from the filesystem storage (MEDIA_ROOT)."""
    return file_response(storages["default"], path, cache_control=f"public, max-age={PUBLIC_MAX_AGE}")
