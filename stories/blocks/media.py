import re
from urllib.parse import urlsplit

from django.conf import settings

from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds import embeds
from wagtail.embeds.blocks import EmbedBlock
from wagtail.embeds.exceptions import EmbedException
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(help_text="Describe the image for people who cannot see it (alt text).")
    caption = blocks.CharBlock(max_length=250, required=False)
    credit = blocks.CharBlock(
        max_length=120, help_text="Who took or owns the photo, e.g. “Photo: Jane Doe”."
    )

    class Meta:
        icon = "image"
        template = "blocks/captioned_image.html"
        description = "A photo or document scan with caption and credit"

    def get_preview_value(self):
        # The block chooser's preview shows the library's latest image.
        image = get_image_model().objects.order_by("-created_at").first()
        return self.to_python(
            {
                "image": {"image": image.pk, "alt_text": image.title, "decorative": False}
                if image
                else None,
                "caption": "The courthouse where the trial was held",
                "credit": "Photo: the campaign",
            }
        )


class VideoBlock(blocks.StructBlock):
    """A video from YouTube or Vimeo, shown as a link until the visitor asks to
    play it here: the page itself makes no request to the video site."""

    video = EmbedBlock(help_text="A YouTube or Vimeo address.")
    caption = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        icon = "media"
        template = "blocks/video.html"
        description = "An embedded video, such as an interview"
        preview_value = {
            "video": "https://www.youtube.com/watch?v=preview",
            "caption": "An interview, shown as a link until the visitor plays it",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        try:
            embed = embeds.get_embed(value["video"].url)
        except EmbedException:
            embed = None  # the provider is unreachable: the link still works
        context["embed"] = embed
        context["playable"] = bool(embed and embed.html and player_allowed(embed.html))
        return context


def player_allowed(html):
    """Whether every frame in a provider's player `html` comes from a host
    the Content-Security-Policy lets pages frame (CSP_EMBED_ORIGINS): if not,
    the video stays a link rather than offer a button the browser refuses."""
    sources = re.findall(r"<iframe\b[^>]*\bsrc=[\"']([^\"']+)", html, flags=re.IGNORECASE)
    origins = {"{0.scheme}://{0.netloc}".format(urlsplit(src)) for src in sources}
    return bool(origins) and origins <= set(settings.CSP_EMBED_ORIGINS)


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    description = blocks.CharBlock(
        max_length=200, required=False, help_text="What the document is, e.g. “Court ruling, 2006”."
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link.html"
        description = "A link to a document from the library, such as a court ruling"

    def get_preview_value(self):
        # The block chooser's preview shows the library's latest document.
        document = get_document_model().objects.order_by("-created_at").first()
        return self.to_python(
            {"document": document.pk if document else None, "description": "Court ruling, 2006"}
        )
