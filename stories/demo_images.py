"""Generated portraits for sample stories: abstract, never photos.

Each is a soft two-colour gradient with the person's initials in a large
circle and a "Sample illustration" label. The colours come from a hash of the
name, so the same name always gets the same picture.
"""

import colorsys
import hashlib
import io

from PIL import Image, ImageDraw, ImageFont

from django.core.files.images import ImageFile
from django.utils.text import slugify

from wagtail.images import get_image_model
from wagtail.models import Collection

WIDTH, HEIGHT = 800, 1000
SCALE = 4  # the circle is drawn larger, then reduced, for a smooth edge


def initials(name):
    """The first letters of the first and last names: “Marcus Reed” gives “MR”."""
    words = name.split()
    letters = [words[0][0], words[-1][0]] if len(words) > 1 else [words[0][0]]
    return "".join(letters).upper()


def _colour(hue, lightness, saturation):
    red, green, blue = colorsys.hls_to_rgb(hue % 1, lightness, saturation)
    return round(red * 255), round(green * 255), round(blue * 255)


def palette(name):
    """Deterministic, muted colours for `name`: two for the gradient, a pale
    one for the circle and a dark one for the letters."""
    digest = hashlib.sha256(name.encode()).digest()
    hue = digest[0] / 256
    drift = 0.06 + digest[1] / 256 * 0.12
    return {
        "top": _colour(hue, 0.78, 0.32),
        "bottom": _colour(hue + drift, 0.52, 0.30),
        "circle": _colour(hue, 0.95, 0.25),
        "ink": _colour(hue, 0.22, 0.35),
    }


def portrait_png(name):
    """An 800×1000 PNG of `name`'s initials, as bytes."""
    colours = palette(name)

    gradient = Image.linear_gradient("L").resize((WIDTH, HEIGHT), Image.Resampling.BILINEAR)
    image = Image.composite(
        Image.new("RGB", (WIDTH, HEIGHT), colours["bottom"]),
        Image.new("RGB", (WIDTH, HEIGHT), colours["top"]),
        gradient,
    )

    centre_x, centre_y, radius = WIDTH // 2, int(HEIGHT * 0.45), int(WIDTH * 0.33)
    # Pillow draws ellipses without anti-aliasing: draw the mask larger and reduce it.
    mask = Image.new("L", (WIDTH * SCALE, HEIGHT * SCALE), 0)
    ImageDraw.Draw(mask).ellipse(
        [
            (centre_x - radius) * SCALE,
            (centre_y - radius) * SCALE,
            (centre_x + radius) * SCALE,
            (centre_y + radius) * SCALE,
        ],
        fill=255,
    )
    image.paste(colours["circle"], mask=mask.reduce(SCALE))

    draw = ImageDraw.Draw(image)
    # Pillow's built-in scalable font (text is anti-aliased): no system fonts needed.
    letters = ImageFont.load_default(size=int(radius * 0.85))
    draw.text((centre_x, centre_y), initials(name), fill=colours["ink"], font=letters, anchor="mm")
    label = ImageFont.load_default(size=int(WIDTH * 0.045))
    draw.text(
        (centre_x, int(HEIGHT * 0.9)),
        "SAMPLE ILLUSTRATION",
        fill=colours["ink"],
        font=label,
        anchor="mm",
    )

    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def sample_collection(name, log):
    """The image collection the sample portraits go in, so staff can find and
    delete them together."""
    collection = Collection.objects.filter(name=name).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=name)
        log(f"Created the image collection “{name}”.")
    return collection


def sample_portrait(name, collection, log):
    """The generated portrait of `name`, uploaded once and then found by title."""
    # Wagtail's image model, not Pillow's Image used above.
    WagtailImage = get_image_model()
    title = f"Sample portrait: {name}"
    image = WagtailImage.objects.filter(title=title).first()
    if image is None:
        data = portrait_png(name)
        filename = f"sample-portrait-{slugify(name)}.png"
        image = WagtailImage(
            title=title,
            collection=collection,
            file=ImageFile(io.BytesIO(data), name=filename),
            file_size=len(data),
            # What Wagtail's own upload form records, so duplicate detection works.
            file_hash=hashlib.sha1(data).hexdigest(),  # noqa: S324 (a content hash, not security)
        )
        image.save()
        log(f"Created the image “{title}”.")
    return image
