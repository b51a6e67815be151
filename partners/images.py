"""Logos: the applicants' (public form) and the organisations' (admin), re-encoded by zen.web.images.

Only PNG, JPEG and WebP are kept, up to 2 MB and 4,000 × 4,000 pixels. The stored
file is always a fresh PNG written by Pillow from the pixels alone, so no metadata
(EXIF, GPS, comments) survives. An application's logo is kept at 1024 px; an
organisation's, which the public pages show, at 256 px.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image

from zen.web.images import ImageRules, clean_image, reencode

MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 4000
STORED_SIDE = 1024  # what we keep of an application's logo
THUMBNAIL_SIDE = 256  # what the public pages show (at up to 4× their 64 px)
MESSAGES = {
    "too_big": _("Le logo pèse plus de 2 Mo : réduisez-le et envoyez-le de nouveau."),
    "format": _("Le logo doit être une image PNG, JPEG ou WebP."),
    "too_large": _("Le logo dépasse 4 000 × 4 000 pixels : réduisez-le et envoyez-le de nouveau."),
}
APPLICATION_LOGO = ImageRules(MAX_BYTES, MAX_SIDE, STORED_SIDE, name="logo", messages=MESSAGES)
ORGANISATION_LOGO = ImageRules(MAX_BYTES, MAX_SIDE, THUMBNAIL_SIDE, name="logo", messages=MESSAGES)


def clean_logo(upload) -> ContentFile:
    """Validate an applicant's logo and return it re-encoded as PNG, or raise ValidationError."""
    return clean_image(upload, APPLICATION_LOGO)


def thumbnail(stored) -> ContentFile:
    """A small copy of an already checked, stored logo, for the public pages."""
    with Image.open(stored) as image:
        return ContentFile(reencode(image, THUMBNAIL_SIDE), name="logo.png")
