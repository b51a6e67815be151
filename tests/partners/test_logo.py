"""Logos are recognised by content, bounded, and re-encoded without metadata."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from partners.images import clean_logo
from tests.partners.conftest import image_file


def upload(content: bytes, name="logo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/png")


def png_header_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims huge dimensions: a decompression bomb's calling card."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


def refused(file) -> str:
    with pytest.raises(ValidationError) as error:
        clean_logo(file)
    return " ".join(error.value.messages)


def test_svg_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert "PNG, JPEG ou WebP" in refused(upload(svg, "logo.svg"))


def test_a_pdf_renamed_png_is_refused():
    assert "PNG, JPEG ou WebP" in refused(upload(b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF", "logo.png"))


def test_a_gif_is_refused_even_though_pillow_reads_it():
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="GIF")
    assert "PNG, JPEG ou WebP" in refused(upload(buffer.getvalue(), "logo.png"))


def test_a_truncated_file_is_refused():
    good = image_file("PNG", size=(400, 400)).read()
    assert "endommagé ou incomplet" in refused(upload(good[: len(good) // 2]))


def test_a_decompression_bomb_is_refused_without_being_decoded():
    assert "4 000 × 4 000" in refused(upload(png_header_claiming(60000, 60000)))


def test_an_image_over_4000_pixels_is_refused():
    assert "4 000 × 4 000" in refused(image_file("PNG", size=(4001, 10)))


def test_a_file_over_2_mb_is_refused():
    assert "2 Mo" in refused(upload(b"\x89PNG" + b"\0" * (2 * 1024 * 1024)))


def test_metadata_is_stripped():
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010E] = "GPS secret: 45.5,-73.6"  # ImageDescription
    Image.new("RGB", (50, 50), "red").save(buffer, format="JPEG", exif=exif.tobytes(), comment=b"private")
    kept = clean_logo(upload(buffer.getvalue(), "photo.jpg"))
    data = kept.read()
    assert b"GPS secret" not in data and b"private" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        assert not image.getexif()


def test_large_logos_are_scaled_down_for_storage():
    kept = clean_logo(image_file("PNG", size=(3000, 1500)))
    with Image.open(kept) as image:
        assert image.size == (1024, 512)
