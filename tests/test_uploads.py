"""What staff upload is made safe, whichever way it comes in: photos lose
their location (a story's photo must not show where someone lives) and stay
upright, files get plain names, limits refuse with a clear message, SVG and
disguised files are refused, and documents are served as downloads."""

import io

import pytest
from PIL import ExifTags, PngImagePlugin
from PIL import Image as PILImage

from django.conf import settings
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

from core.uploads import safe_filename
from tests.admin import sign_in, superuser

GPS = {1: "N", 2: (40.0, 42.0, 46.0), 3: "W", 4: (74.0, 0.0, 21.0)}
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description '
    b'exif:GPSLatitude="40,42.77N" exif:GPSLongitude="74,0.35W"/></rdf:RDF></x:xmpmeta>'
)
# Stored sideways with orientation 6 ("turn 90° clockwise to show"), as a
# phone held upright writes it: 40 wide and 20 high in the file, shown 20 by 40.
STORED_SIZE, SHOWN_SIZE = (40, 20), (20, 40)


def photo_with_location(image_format="JPEG"):
    """A phone's photo: a GPS position in its EXIF and XMP, and an orientation."""
    image = PILImage.new("RGB", STORED_SIZE, "#884422")
    image.paste((0, 0, 255), (0, 0, 10, 10))  # a blue corner, to see the turn
    exif = PILImage.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "Phone"
    exif[ExifTags.IFD.GPSInfo] = GPS
    options = {"exif": exif}
    if image_format == "PNG":
        text = PngImagePlugin.PngInfo()
        text.add_itxt("XML:com.adobe.xmp", XMP.decode())
        text.add_text("Location", "12 Elm Street")
        options["pnginfo"] = text
    else:
        options["xmp"] = XMP
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    data = buffer.getvalue()
    assert PILImage.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return data


def assert_no_location_and_upright(image):
    """The stored file of `image` (Wagtail's model) has no GPS, EXIF or XMP,
    is turned upright, and Wagtail's record of it matches its bytes."""
    with image.open_file() as file:
        data = file.read()
    stored = PILImage.open(io.BytesIO(data))
    assert not stored.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert not stored.getexif()
    assert b"GPSLatitude" not in data and b"Elm Street" not in data
    assert stored.size == SHOWN_SIZE == (image.width, image.height)
    # The blue corner, top-left in the file, is top-right once turned.
    assert stored.convert("RGB").getpixel((SHOWN_SIZE[0] - 2, 2))[2] > 200
    assert image.file_size == len(data)
    assert image.file_hash == hash_filelike(io.BytesIO(data))


@pytest.fixture
def staff_client(client, django_user_model):
    return sign_in(client, superuser(django_user_model))


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP", "AVIF"])
def test_the_admins_upload_stores_a_photo_without_its_location(
    staff_client, image_format, django_db_blocker
):
    extension = image_format.lower().replace("jpeg", "jpg")
    data = photo_with_location(image_format)
    response = staff_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Portrait",
            "collection": Collection.get_first_root_node().pk,
            "file": upload(f"portrait.{extension}", data),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert_no_location_and_upright(get_image_model().objects.get())


def test_the_admins_multiple_upload_stores_a_photo_without_its_location(staff_client):
    response = staff_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": upload("IMG_0042.JPG", photo_with_location())},
    )
    assert response.status_code == 200
    assert response.json()["success"], response.json()
    image = get_image_model().objects.get()
    assert_no_location_and_upright(image)
    assert image.file.name == "original_images/img_0042.jpg"


def test_replacing_an_images_file_strips_the_new_one(staff_client):
    image = get_image_model().objects.create(
        title="Portrait",
        file=ImageFile(io.BytesIO(photo_with_location("PNG")), name="first.png"),
    )
    response = staff_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": "Portrait",
            "collection": Collection.get_first_root_node().pk,
            "file": upload("second.jpg", photo_with_location()),
        },
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert_no_location_and_upright(image)


def test_an_image_saved_by_code_is_stripped_too(db):
    # As the demo loader and any script save them: no form involved.
    image = get_image_model()(
        title="Portrait",
        file=ImageFile(io.BytesIO(photo_with_location()), name="Photo de la maison.jpg"),
    )
    image.save()
    image.refresh_from_db()
    assert_no_location_and_upright(image)
    assert image.file.name == "original_images/photo-de-la-maison.jpg"


def test_an_image_without_metadata_is_stored_byte_for_byte(db):
    buffer = io.BytesIO()
    PILImage.new("RGB", (30, 30), "#123456").save(buffer, "PNG")
    image = get_image_model().objects.create(
        title="Plain", file=ImageFile(io.BytesIO(buffer.getvalue()), name="plain.png")
    )
    with image.open_file() as file:
        assert file.read() == buffer.getvalue()


@pytest.mark.parametrize("image_format", ["GIF", "WEBP"])
def test_an_animation_keeps_its_frames_and_loses_its_metadata(db, image_format):
    frames = [PILImage.new("RGB", (20, 10), colour) for colour in ("red", "green", "blue")]
    exif = PILImage.Exif()
    exif[ExifTags.IFD.GPSInfo] = GPS
    options = {"comment": b"Taken at 12 Elm Street"} if image_format == "GIF" else {"exif": exif}
    buffer = io.BytesIO()
    frames[0].save(
        buffer, image_format, save_all=True, append_images=frames[1:], duration=100, **options
    )
    name = f"moving.{image_format.lower()}"
    image = get_image_model().objects.create(
        title="Moving", file=ImageFile(io.BytesIO(buffer.getvalue()), name=name)
    )
    with image.open_file() as file:
        data = file.read()
    stored = PILImage.open(io.BytesIO(data))
    assert stored.n_frames == 3
    assert not stored.getexif() and b"Elm Street" not in data


def admin_image_errors(staff_client, name, data):
    response = staff_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Portrait",
            "collection": Collection.get_first_root_node().pk,
            "file": upload(name, data),
        },
    )
    assert response.status_code == 200  # the form again, with its error
    assert not get_image_model().objects.exists()
    return " ".join(response.context["form"].errors["file"])


def test_the_limits_are_set():
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=1000)
def test_an_image_over_the_size_limit_is_refused_with_a_clear_message(staff_client):
    big = io.BytesIO()
    PILImage.effect_noise((200, 200), 100).convert("RGB").save(big, "PNG")
    assert "This file is too big" in admin_image_errors(staff_client, "big.png", big.getvalue())


@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=500)
def test_an_image_over_the_pixel_limit_is_refused_with_a_clear_message(staff_client):
    errors = admin_image_errors(staff_client, "wide.jpg", photo_with_location())
    assert "This file has too many pixels (800)" in errors


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("drawing.svg", "Not a supported image format"),
        # Willow reads what the file is, not what its name says.
        ("drawing.png", "The extension does not match the file format (svg)"),
    ],
)
def test_svg_is_refused_even_disguised(staff_client, name, message):
    assert message in admin_image_errors(staff_client, name, SVG)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.jpg", "passwd.jpg"),
        ("..\\..\\Windows\\photo.JPG", "photo.jpg"),
        ("Décision du 3 mai (final).PDF", "decision-du-3-mai-final.pdf"),
        ("判决书.pdf", "panjueshu.pdf"),
        ("\u202egnp.exe.jpg", "gnpexe.jpg"),
        ("photo\r\nSet-Cookie: x.jpg", "photo-set-cookie-x.jpg"),
        ("…", "file"),
        ("x" * 300 + ".pdf", "x" * 60 + ".pdf"),
    ],
)
def test_file_names_are_made_plain(name, expected):
    assert safe_filename(name) == expected


def add_document(staff_client, name, data):
    return staff_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Ruling",
            "collection": Collection.get_first_root_node().pk,
            "file": upload(name, data),
        },
    )


def test_a_document_is_stored_under_a_plain_name_and_served_as_a_download(
    staff_client, settings, tmp_path
):
    # On disk, as Wagtail's view serves a file with a path (InMemoryStorage
    # claims one it doesn't have).
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    response = add_document(staff_client, "Décision de la cour.pdf", b"%PDF-1.7 ruling")
    assert response.status_code == 302
    document = get_document_model().objects.get()
    assert document.file.name == "documents/decision-de-la-cour.pdf"
    served = staff_client.get(document.url)
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment")
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Security-Policy"] == "default-src 'none'"
    assert b"".join(served.streaming_content) == b"%PDF-1.7 ruling"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("notes.txt", b"<!DOCTYPE html><html><script>alert(1)</script>", "looks like a web page"),
        ("list.csv", b"name\n<svg onload=alert(1)>", "looks like a web page"),
        ("ruling.pdf", b"MZ\x90\x00 a program", "it is not a .pdf file"),
        ("letter.docx", b"%PDF-1.4 not a word file", "it is not a .docx file"),
        ("notes.txt", b"text\x00with a NUL", "it is not plain text"),
    ],
)
def test_a_document_whose_content_is_not_its_extension_is_refused(staff_client, name, data, reason):
    response = add_document(staff_client, name, data)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert reason in errors and "can’t be uploaded" in errors
    assert not get_document_model().objects.exists()


def test_the_multiple_document_upload_checks_content_too(staff_client):
    response = staff_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": upload("notes.txt", b"<html><script>alert(1)</script>")},
    )
    assert not response.json()["success"]
    assert "looks like a web page" in response.json()["error_message"]
    assert not get_document_model().objects.exists()


def test_only_the_allowed_document_types(staff_client):
    response = add_document(staff_client, "page.html", b"<p>hello</p>")
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not get_document_model().objects.exists()
