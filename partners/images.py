"""Logos sent by applicants: recognised by their content, checked, re-encoded.

Only PNG, JPEG and WebP are kept, up to 2 MB and 4,000 × 4,000 pixels. The
stored file is always a fresh PNG written by Pillow, so no metadata (EXIF,
GPS, comments) and nothing the original carried beyond its pixels survives.
"""

from __future__ import annotations

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 4000
FORMATS = {"PNG", "JPEG", "WEBP"}
STORED_SIDE = 1024  # what we keep of an application's logo
THUMBNAIL_SIDE = 256  # what the public pages show (at up to 4× their 64 px)
TOO_LARGE = _("Le logo dépasse 4 000 × 4 000 pixels : réduisez-le et envoyez-le de nouveau.")


def clean_logo(upload) -> ContentFile:
    """Validate an uploaded logo and return it re-encoded as PNG, or raise ValidationError."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("Le logo pèse plus de 2 Mo : réduisez-le et envoyez-le de nouveau."), code="too_big")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.format not in FORMATS:
                    raise ValidationError(_("Le logo doit être une image PNG, JPEG ou WebP."), code="format")
                width, height = image.size
                if width > MAX_SIDE or height > MAX_SIDE:
                    raise ValidationError(TOO_LARGE, code="too_large")
                image.load()  # decodes every pixel: a truncated or corrupt file fails here
                return ContentFile(reencode(image, STORED_SIDE), name="logo.png")
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(TOO_LARGE, code="too_large") from None
    except UnidentifiedImageError:
        raise ValidationError(_("Le logo doit être une image PNG, JPEG ou WebP."), code="format") from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(
            _("Ce fichier d’image est endommagé ou incomplet. Essayez de l’exporter de nouveau."), code="corrupt"
        ) from None


def reencode(image: Image.Image, side: int) -> bytes:
    """The image's pixels only, upright, at most `side` pixels wide and high, as PNG."""
    image = ImageOps.exif_transpose(image)
    image = image.convert("RGBA" if image.mode in {"RGBA", "LA", "P", "PA"} else "RGB")
    image.thumbnail((side, side))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def thumbnail(stored) -> ContentFile:
    """A small copy of an already checked, stored logo, for the public pages."""
    with Image.open(stored) as image:
        return ContentFile(reencode(image, THUMBNAIL_SIDE), name="logo.png")
