"""Who runs the campaign and how to reach them, as staff set it."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse

from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images.models import SourceImageIOError

from .. import languages
from ..preview import SitePreviewMixin
from .wording import Wording

# Link previews (Facebook, LinkedIn, Mastodon, X) want 1.91:1, 1200x630 at best.
SOCIAL_IMAGE_SPEC = "fill-1200x630|format-jpeg"


class SocialPlatform(models.TextChoices):
    BLUESKY = "bluesky", "Bluesky"
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    MASTODON = "mastodon", "Mastodon"
    TIKTOK = "tiktok", "TikTok"
    X = "x", "X"
    YOUTUBE = "youtube", "YouTube"
    OTHER = "other", "Other"


class SocialLinkValue(blocks.StructValue):
    def text(self):
        """The words of the link: the editor's, else the platform's name."""
        if self.get("label"):
            return self["label"]
        if self.get("platform") in SocialPlatform.values and self["platform"] != "other":
            return SocialPlatform(self["platform"]).label
        return urlsplit(self.get("url") or "").hostname or ""


class SocialLinkBlock(blocks.StructBlock):
    platform = blocks.ChoiceBlock(
        choices=SocialPlatform.choices,
        default=SocialPlatform.BLUESKY,
        help_text="Where the account is. Choose “Other” for anything not listed.",
    )
    url = blocks.URLBlock(
        label="address",
        help_text="The address of your profile, e.g. https://bsky.app/profile/yourname.org",
    )
    label = blocks.CharBlock(
        required=False,
        max_length=40,
        help_text="The words shown. Leave empty to show the platform’s name; needed for “Other”.",
    )

    class Meta:
        icon = "site"
        label = "Social link"
        template = "blocks/social_link.html"
        value_class = SocialLinkValue
        description = "A link to the organisation’s account on a social network"
        preview_value = {
            "platform": SocialPlatform.MASTODON,
            "url": "https://mastodon.social/@example",
            "label": "",
        }

    def clean(self, value):
        value = super().clean(value)
        if value.get("platform") == SocialPlatform.OTHER and not value.get("label"):
            raise StructBlockValidationError(
                {"label": ValidationError("Give a link to another network the words to show.")}
            )
        return value


@register_setting(icon="group")
class OrganisationSettings(SitePreviewMixin, ClusterableModel, BaseSiteSetting):
    """Who runs the campaign and how to reach them: shown in the header and
    footer of every page, and in link previews on social networks."""

    # Renditions made once per change and cached with the navigation.
    LOGO_SPEC = "height-48"
    LOGO_SPEC_2X = "height-96"  # for high-density screens

    organisation_name = models.CharField(
        max_length=100,
        blank=True,
        help_text="The name of the organisation running the campaign, shown in the header "
        "and footer. Leave empty to use the site’s name.",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown at the top of every page instead of the name. A wide logo on a "
        "transparent or white background works best; it is shown 48 pixels tall.",
    )
    contact_email = models.EmailField(
        blank=True,
        help_text="An address the public can write to, shown at the foot of every page. "
        "Use a shared inbox, not a person’s own address.",
    )
    social_links = StreamField(
        [("link", SocialLinkBlock())],
        blank=True,
        max_num=8,
        help_text="The organisation’s accounts, listed at the foot of every page in this order.",
    )
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The picture shown when someone shares a page that has none of its own "
        "(a story’s portrait comes first). It is cropped to 1200 × 630 pixels around "
        "its focal point. Its description is read out to people who cannot see it.",
    )
    share_text = models.TextField(
        max_length=300,
        blank=True,
        help_text="A sentence or two shown under a shared link, and by search engines, for "
        "pages without a description of their own. Leave empty to use the site’s "
        "description. Give it in Spanish below, under “Sharing in other languages”.",
    )

    select_related = ["logo", "share_image"]

    panels = [
        MultiFieldPanel([FieldPanel("organisation_name"), FieldPanel("logo")], heading="Name"),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("social_links")], heading="Contact"
        ),
        MultiFieldPanel([FieldPanel("share_image"), FieldPanel("share_text")], heading="Sharing"),
        InlinePanel(
            "wordings",
            heading="Sharing in other languages",
            label="Language",
            help_text="The share text in Spanish, for the Spanish pages. Without it, they "
            "show the English.",
        ),
    ]

    class Meta:
        verbose_name = "organisation"

    @property
    def preview_modes(self):
        return [
            ("", "Home page"),
            *self.home_in_other_languages(),
            ("share", "A link shared on social media"),
        ]

    def serve_preview(self, request, mode_name):
        if mode_name == "share":
            # The card a page without a picture or description of its own gets.
            return TemplateResponse(request, "core/previews/share_card.html")
        return super().serve_preview(request, mode_name)

    @staticmethod
    def defaults():
        """The organisation without settings: the site's name, nothing else."""
        return {
            "name": settings.WAGTAIL_SITE_NAME,
            "logo": None,
            "contact_email": "",
            "social_links": [],
            "share_image": None,
            "share_text": "",
        }

    def resolve(self, language):
        """The organisation as plain data for the cache, for pages in
        `language`: names, addresses, the renditions' URLs and sizes (see
        core.models.navigation), and the share text in that language if
        staff gave it, else in the default language."""
        name = self.organisation_name or settings.WAGTAIL_SITE_NAME
        wording = None
        if language != languages.default():
            wording = Wording.in_language(self.wordings, language)
        share_text = (wording.share_text if wording else "").strip() or self.share_text
        return {
            "name": name,
            "logo": self.logo_data(),
            "contact_email": self.contact_email,
            "social_links": [
                {
                    "platform": link.value["platform"],
                    "url": link.value["url"],
                    "text": link.value.text(),
                }
                for link in self.social_links
            ],
            "share_image": self.share_image_data(name),
            "share_text": share_text.strip(),
        }

    def logo_data(self):
        if self.logo is None:
            return None
        try:
            renditions = self.logo.get_renditions(self.LOGO_SPEC, self.LOGO_SPEC_2X)
        except SourceImageIOError:
            return None  # the file is gone: the name rather than a broken image
        logo, logo_2x = renditions[self.LOGO_SPEC], renditions[self.LOGO_SPEC_2X]
        return {
            "url": logo.url,
            "width": logo.width,
            "height": logo.height,
            # Only worth sending when the original is big enough to be sharper.
            "srcset": f"{logo_2x.url} 2x" if logo_2x.height > logo.height else "",
        }

    def share_image_data(self, name):
        if self.share_image is None:
            return None
        try:
            rendition = self.share_image.get_rendition(SOCIAL_IMAGE_SPEC)
        except SourceImageIOError:
            return None  # the file is gone: the site's card rather than none
        return {
            "url": rendition.url,
            "width": rendition.width,
            "height": rendition.height,
            "alt": self.share_image.description or name,
        }
