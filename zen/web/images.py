"""Uploaded images: recognised by their content, checked, and re-encoded from their pixels alone.

Only PNG, JPEG and WebP are accepted, within a weight and a size. The stored file is
always a fresh PNG or JPEG written by Pillow from a copy of the pixels, so no metadata
(EXIF and its GPS position, comments, text chunks, colour profiles) and nothing else
the original carried survives. The public form's logos and every image uploaded in the
admin go through here (`ReencodedImageField`).
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.http import HttpRequest
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {"PNG", "JPEG", "WEBP"}
ACCEPT = "image/png,image/jpeg,image/webp"
MESSAGES = {
    "too_big": _("L’image pèse plus de %(megabytes)s Mo : réduisez-la et envoyez-la de nouveau."),
    "format": _("Le fichier doit être une image PNG, JPEG ou WebP."),
    "too_large": _("L’image dépasse %(side)s × %(side)s pixels : réduisez-la et envoyez-la de nouveau."),
    "corrupt": _("Ce fichier d’image est endommagé ou incomplet. Essayez de l’exporter de nouveau."),
}


@dataclass(frozen=True)
class ImageRules:
    """What an upload may be, and how it is stored."""

    max_bytes: int
    max_side: int  # refused beyond, before any pixel is decoded
    stored_side: int  # scaled down to fit
    stored_format: str = "PNG"  # PNG keeps transparency (logos); JPEG suits photographs
    name: str = "image"  # stored as <name>.png or <name>.jpg
    messages: Mapping[str, StrOrPromise] = field(default_factory=dict)  # code -> message, over MESSAGES

    def message(self, code: str) -> str:
        params = {
            "megabytes": self.max_bytes // (1024 * 1024),
            "side": number_format(self.max_side, force_grouping=True),
        }
        return str(self.messages.get(code, MESSAGES[code])) % params


def clean_image(upload: File[bytes], rules: ImageRules) -> ContentFile[bytes]:
    """Validate an uploaded image and return it re-encoded, or raise ValidationError."""
    if upload.size > rules.max_bytes:
        raise ValidationError(rules.message("too_big"), code="too_big")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.format not in FORMATS:
                    raise ValidationError(rules.message("format"), code="format")
                width, height = image.size
                if width > rules.max_side or height > rules.max_side:
                    raise ValidationError(rules.message("too_large"), code="too_large")
                image.load()  # decodes every pixel: a truncated or corrupt file fails here
                content = reencode(image, rules.stored_side, rules.stored_format)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(rules.message("too_large"), code="too_large") from None
    except UnidentifiedImageError:
        raise ValidationError(rules.message("format"), code="format") from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(rules.message("corrupt"), code="corrupt") from None
    extension = "jpg" if rules.stored_format == "JPEG" else "png"
    return ContentFile(content, name=f"{rules.name}.{extension}")


def reencode(image: Image.Image, side: int, stored_format: str = "PNG") -> bytes:
    """The image's pixels only, upright, at most `side` pixels wide and high."""
    image = ImageOps.exif_transpose(image)
    keeps_alpha = stored_format == "PNG" and image.mode in {"RGBA", "LA", "P", "PA"}
    image = image.convert("RGBA" if image.mode in {"RGBA", "LA", "P", "PA"} else "RGB")
    image.thumbnail((side, side))
    if image.mode == "RGBA" and not keeps_alpha:  # JPEG has no transparency: on white
        background = Image.new("RGBA", image.size, "white")
        image = Image.alpha_composite(background, image).convert("RGB")
    # A new image from the pixels alone: Pillow carries `info` (EXIF, comments, ICC
    # profile) through convert() and thumbnail(), and some encoders write it back.
    pixels = Image.frombytes(image.mode, image.size, image.tobytes())
    buffer = io.BytesIO()
    if stored_format == "JPEG":
        pixels.save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
    else:
        pixels.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


class ReencodedImageField(forms.FileField):
    """A form field whose cleaned upload is the checked, re-encoded image (`clean_image`).

    Any model ImageField can use it (`form_class`); a cleared or unchanged field keeps
    Django's FileField behaviour.
    """

    def __init__(self, *, rules: ImageRules, **kwargs: Any) -> None:
        self.rules = rules
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return super().widget_attrs(widget) | {"accept": ACCEPT}

    def clean(self, data: Any, initial: Any = None) -> Any:
        value = super().clean(data, initial)
        if isinstance(value, UploadedFile):
            return clean_image(value, self.rules)
        return value


class ReencodedImagesAdmin(admin.ModelAdmin[Any]):
    """A ModelAdmin mixin: the image fields named in `image_rules` re-encode what is uploaded.

    `image_rules` maps a model field's name to its ImageRules; `tests/zen/test_admin_images.py`
    checks that every image field of every admin form is one of them.
    """

    image_rules: dict[str, ImageRules] = {}

    def formfield_for_dbfield(
        self, db_field: models.Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if db_field.name in self.image_rules:
            kwargs |= {"form_class": ReencodedImageField, "rules": self.image_rules[db_field.name]}
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in self.image_rules and field is not None:
            # The admin puts a file input in a fieldset whose legend names it, and no <label>:
            # the input itself must carry its name for screen readers (axe's "label" rule).
            field.widget.attrs.setdefault("aria-label", str(db_field.verbose_name))
        return field
