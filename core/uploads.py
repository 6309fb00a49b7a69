"""What staff upload, made safe before it is stored: photos without the
location their camera wrote into them, files with plain names, and documents
whose content is what their extension says.

Images and documents are cleaned in a pre_save hook on Wagtail's models
(connected in core.apps), so that every way in passes through it: the admin's
single and multiple uploads, replacing a file, the demo loader and any
script. A file is only touched while it is new, before it reaches storage.
The limits on size, pixels and formats are Wagtail's, set in
campaign/settings/base.py; the document form below adds the content check."""

import io
import os
import re

from PIL import Image as PILImage
from PIL import ImageOps, ImageSequence

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import slugify

from wagtail.coreutils import string_to_ascii
from wagtail.documents.forms import BaseDocumentForm
from wagtail.utils.file import hash_filelike

# Long enough to stay readable, short enough for a storage key, a download's
# name and the file field's 100 characters with its folder.
FILENAME_STEM_MAX_LENGTH = 60

# Where a photo's metadata lives in Pillow's `info`: EXIF (GPS position, also
# the camera's serial number), XMP (which repeats the GPS position), IPTC
# (city and sublocation) and free-text comments. None of it is needed to show
# a photo, so all of it goes; the colour profile stays.
METADATA_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "photoshop", "comment")
# Formats rewritten without their metadata, with the options that keep their
# quality (others are refused by WAGTAILIMAGES_EXTENSIONS).
REWRITTEN_FORMATS = {
    # GIF has no EXIF, but may have XMP or a comment.
    "GIF": {},
    "JPEG": {"quality": 92},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 92},
    "AVIF": {"quality": 85},
}


def safe_filename(name):
    """`name` as a plain file name: no folders, ASCII letters, digits and
    hyphens, lower case, the stem at most FILENAME_STEM_MAX_LENGTH long.
    “../Décision du 3 mai.PDF” → “decision-du-3-mai.pdf”."""
    base = os.path.basename(name.replace("\\", "/"))
    stem, extension = os.path.splitext(base)
    stem = slugify(string_to_ascii(stem))[:FILENAME_STEM_MAX_LENGTH].strip("-_") or "file"
    extension = re.sub(r"[^a-z0-9]", "", extension.lower())
    return f"{stem}.{extension}" if extension else stem


def _has_metadata(image):
    if any(key in image.info for key in METADATA_KEYS):
        return True
    # A PNG's text chunks may say anything, a place included; some formats
    # expose EXIF only through getexif().
    return bool(getattr(image, "text", None)) or bool(image.getexif())


def without_location(data):
    """The image in `data` re-encoded with no EXIF, XMP or IPTC, turned the
    way its EXIF orientation said (so that it still shows upright), or None
    when it holds none of them and is stored as it came."""
    with PILImage.open(io.BytesIO(data)) as image:
        options = REWRITTEN_FORMATS.get(image.format)
        if options is None or not _has_metadata(image):
            return None
        image_format = image.format
        icc_profile = image.info.get("icc_profile")
        if getattr(image, "n_frames", 1) > 1:
            # An animation: every frame, as it is (orientation is a photo's).
            frames = ImageSequence.all_frames(image)
            options = {
                **options,
                "save_all": True,
                "append_images": frames[1:],
                "duration": image.info.get("duration", 100),
                "loop": image.info.get("loop", 0),
            }
            upright = frames[0]
        else:
            upright = ImageOps.exif_transpose(image)
        # A copy without `info`: saving would otherwise write metadata back.
        upright = upright.copy()
        upright.info = {}
        if icc_profile:
            options["icc_profile"] = icc_profile
        output = io.BytesIO()
        upright.save(output, format=image_format, **options)
        return output.getvalue()


def clean_new_image(sender, instance, **kwargs):
    """pre_save on the image model: a new file gets a safe name and loses its
    location; the size, hash and dimensions Wagtail keeps follow the bytes
    actually stored (duplicate detection compares the hash)."""
    file = instance.file
    if not file or file._committed:
        return
    file.seek(0)
    data = file.read()
    file.seek(0)
    cleaned = without_location(data)
    name = safe_filename(file.name)
    if cleaned is None:
        file.name = name
        return
    # Through the descriptor, which also reads the new width and height (a
    # turned photo swaps them).
    instance.file = ContentFile(cleaned, name=name)
    instance.file_size = len(cleaned)
    instance.file_hash = hash_filelike(io.BytesIO(cleaned))


def clean_new_document(sender, instance, **kwargs):
    """pre_save on the document model: a new file gets a safe name."""
    file = instance.file
    if file and not file._committed:
        file.name = safe_filename(file.name)


# What each document type starts with. Office formats are ZIP archives; a
# PDF's header may follow a few bytes of junk, which readers accept.
DOCUMENT_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "rtf": (b"{\\rtf",),
}
# What makes text a web page to a browser that sniffs: refused in a .txt or
# .csv even though documents are served as attachments with nosniff.
WEB_PAGE = re.compile(
    rb"<\s*(!doctype|html|head|body|script|iframe|svg|object|embed|meta|style|img|a\s)",
    re.IGNORECASE,
)
SNIFFED_BYTES = 4096


def content_mismatch(extension, head):
    """Why the first bytes `head` of a document don't fit its extension, or
    None when they do."""
    signatures = DOCUMENT_SIGNATURES.get(extension)
    if signatures is not None:
        if extension == "pdf":
            fits = any(signature in head[:1024] for signature in signatures)
        else:
            fits = head.startswith(signatures)
        return None if fits else f"it is not a .{extension} file"
    if extension in ("txt", "csv"):
        if b"\x00" in head:
            return "it is not plain text"
        if WEB_PAGE.search(head):
            return "it looks like a web page, which the site does not publish"
    return None


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE), which also
    checks that a file is what its extension says: a web page renamed .txt,
    or a program renamed .pdf, is refused with a clear message."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if not file or not hasattr(file, "read"):
            return file
        extension = os.path.splitext(file.name)[1].lower().lstrip(".")
        file.seek(0)
        head = file.read(SNIFFED_BYTES)
        file.seek(0)
        reason = content_mismatch(extension, head)
        if reason:
            raise ValidationError(
                "This file can’t be uploaded: its name ends in .%(extension)s but %(reason)s. "
                "Save it again in that format, or as a PDF, and upload that.",
                code="content_mismatch",
                params={"extension": extension, "reason": reason},
            )
        return file
