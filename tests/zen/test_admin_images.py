"""Every image uploaded in the admin is re-encoded and stripped, like the public form's logos.

Chantier cover images (program staff and coordinators) and organisation logos: a JPEG
carrying EXIF with a GPS position and a comment, or a PNG with a text comment, is
stored without any of it; a file that is not an image, or a damaged one, gets a clear
message on the form.
"""

import io

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from partners.models import Organisation
from zen.web.images import ReencodedImageField

GPS = 0x8825
SECRETS = [b"45.5017", b"Rue secr", b"private comment", b"secret-png-comment"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def jpeg_with_gps(size=(1200, 800)) -> SimpleUploadedFile:
    exif = Image.Exif()
    exif[0x010E] = "Rue secrète, 45.5017 N"  # ImageDescription
    exif[GPS] = {1: "N", 2: (45.0, 30.0, 6.12), 3: "W", 4: (73.0, 34.0, 0.0)}
    buffer = io.BytesIO()
    Image.new("RGB", size, "#1b6e3a").save(buffer, format="JPEG", exif=exif.tobytes(), comment=b"private comment")
    content = buffer.getvalue()
    assert Image.open(io.BytesIO(content)).getexif().get_ifd(GPS)  # the test file does carry a position
    return SimpleUploadedFile("photo.jpg", content, content_type="image/jpeg")


def png_with_comment(size=(600, 400)) -> SimpleUploadedFile:
    info = PngInfo()
    info.add_text("Comment", "secret-png-comment")
    buffer = io.BytesIO()
    Image.new("RGBA", size, (27, 110, 58, 200)).save(buffer, format="PNG", pnginfo=info)
    assert b"secret-png-comment" in buffer.getvalue()
    return SimpleUploadedFile("image.png", buffer.getvalue(), content_type="image/png")


def assert_stripped(stored, expected_format: str, max_side: int) -> None:
    stored.open("rb")
    content = stored.read()
    stored.close()
    for secret in SECRETS:
        assert secret not in content
    with Image.open(io.BytesIO(content)) as image:
        assert image.format == expected_format
        assert not image.getexif()
        assert not {"exif", "comment", "Comment", "icc_profile"} & set(image.info)
        assert max(image.size) <= max_side


def form_data(response) -> dict:
    """What the change form would send back as it is, with its inlines."""
    data: dict[str, object] = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data |= {f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()}
        forms += formset.forms
    for form in forms:
        for name, field in form.fields.items():
            if isinstance(field, ReencodedImageField) or name == "DELETE":
                continue
            value = form[name].value()
            if value is True:
                data[form.add_prefix(name)] = "on"
            elif value not in (None, False):
                data[form.add_prefix(name)] = value
    return data


def upload_cover(client, chantier, upload):
    url = reverse("admin:chantiers_chantier_change", args=[chantier.pk])
    return client.post(url, form_data(client.get(url)) | {"cover_image": upload})


@pytest.mark.parametrize("user", ["program_staff", "owner"])
@pytest.mark.parametrize("upload", [jpeg_with_gps, png_with_comment], ids=["jpeg-gps", "png-comment"])
def test_a_cover_image_is_stored_without_its_metadata(request, client, laval, user, upload):
    client.force_login(request.getfixturevalue(user))
    response = upload_cover(client, laval, upload())
    assert response.status_code == 302, response.context["adminform"].form.errors
    laval.refresh_from_db()
    assert laval.cover_image.name.endswith(".jpg")
    assert_stripped(laval.cover_image, "JPEG", 2000)


def test_a_large_cover_image_is_scaled_down(client, program_staff, laval):
    client.force_login(program_staff)
    assert upload_cover(client, laval, jpeg_with_gps(size=(4000, 1000))).status_code == 302
    laval.refresh_from_db()
    with Image.open(laval.cover_image) as image:
        assert image.size == (2000, 500)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF", "Le fichier doit être une image PNG, JPEG ou WebP."),
        (png_with_comment().read()[:300], "Ce fichier d’image est endommagé ou incomplet."),
    ],
    ids=["not-an-image", "damaged"],
)
def test_a_cover_that_is_no_image_gets_a_clear_message(client, owner, laval, content, says):
    client.force_login(owner)
    response = upload_cover(client, laval, SimpleUploadedFile("couverture.png", content, content_type="image/png"))
    assert response.status_code == 200
    assert says in response.content.decode()
    laval.refresh_from_db()
    assert not laval.cover_image


def organisation_form(organisation) -> dict:
    fields = ["name", "short_name", "slug", "kind", "website", "description"]
    return {name: getattr(organisation, name) for name in fields}


@pytest.mark.parametrize("upload", [jpeg_with_gps, png_with_comment], ids=["jpeg-gps", "png-comment"])
def test_an_organisation_logo_is_stored_without_its_metadata(client, owner, upload):
    client.force_login(owner)
    organisation = Organisation.objects.get(slug="laval-en-transition")
    url = reverse("admin:partners_organisation_change", args=[organisation.pk])
    response = client.post(url, organisation_form(organisation) | {"logo": upload()})
    assert response.status_code == 302, response.context["adminform"].form.errors
    organisation.refresh_from_db()
    assert organisation.logo.name.endswith(".png")
    assert_stripped(organisation.logo, "PNG", 256)


def test_a_new_organisation_s_logo_is_stripped_too(client, owner):
    client.force_login(owner)
    data = {"name": "Atelier vélo", "slug": "atelier-velo", "kind": "nonprofit", "logo": jpeg_with_gps()}
    assert client.post(reverse("admin:partners_organisation_add"), data).status_code == 302
    assert_stripped(Organisation.objects.get(slug="atelier-velo").logo, "PNG", 256)


def test_a_logo_that_is_no_image_gets_a_clear_message(client, owner):
    client.force_login(owner)
    organisation = Organisation.objects.get(slug="laval-en-transition")
    url = reverse("admin:partners_organisation_change", args=[organisation.pk])
    svg = SimpleUploadedFile("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', content_type="image/svg+xml")
    response = client.post(url, organisation_form(organisation) | {"logo": svg})
    assert response.status_code == 200
    assert "Le logo doit être une image PNG, JPEG ou WebP." in response.content.decode()


def test_the_messages_are_in_english_too():
    from chantiers.admin import COVER_IMAGE
    from zen.web.images import clean_image

    with translation.override("en"):
        for content, says in [
            (b"not an image", "The file must be a PNG, JPEG or WebP image."),
            (b"\x89PNG" + b"\0" * (6 * 1024 * 1024), "The image is larger than 5 MB"),
        ]:
            with pytest.raises(ValidationError) as error:
                clean_image(SimpleUploadedFile("x.png", content), COVER_IMAGE)
            assert says in " ".join(error.value.messages)


def test_every_image_field_of_every_admin_form_re_encodes(program_staff, seeded):
    """A guard for admins added later: an image field the admin lets anyone upload to is re-encoded."""
    request = RequestFactory().get("/admin/")
    request.user = program_staff
    checked = []
    for model in apps.get_models():
        if not admin.site.is_registered(model):
            continue
        model_admin = admin.site.get_model_admin(model)
        forms = [(model, model_admin.get_form(request))]
        forms += [
            (inline.model, inline.get_formset(request).form) for inline in model_admin.get_inline_instances(request)
        ]
        for form_model, form in forms:
            for name, formfield in form.base_fields.items():
                db_field = next((f for f in form_model._meta.fields if f.name == name), None)
                if isinstance(db_field, models.ImageField):
                    assert isinstance(formfield, ReencodedImageField), f"{form_model.__name__}.{name}"
                    checked.append(f"{form_model.__name__}.{name}")
    assert {"Chantier.cover_image", "Organisation.logo"} <= set(checked)
