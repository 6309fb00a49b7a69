from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.template.response import TemplateResponse

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import SourceImageIOError
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from .preview import SitePreviewMixin


class HomePage(Page):
    """The front door of the campaign: the root of the site's page tree."""

    intro = models.TextField(
        blank=True,
        max_length=300,
        help_text=(
            "One or two sentences under the page title that say what the campaign "
            "wants to change. Shown large at the top of the home page."
        ),
    )
    hero_action_label = models.CharField(
        "main button text",
        max_length=60,
        blank=True,
        help_text="The one thing you most want visitors to do, as a verb, "
        "e.g. “Read their stories”.",
    )
    hero_action_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="main button goes to",
        help_text="The page the main button leads to. Choose a petition to show its live "
        "signature count and goal beside the button.",
    )
    hero_quote = models.TextField(
        blank=True,
        max_length=280,
        help_text="A sentence in the words of the first featured story’s person, shown large "
        "beside their portrait at the top of the home page. Copy it from their story; leave "
        "empty to show the story’s summary instead.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("hero_action_label"), PageChooserPanel("hero_action_page")],
            heading="Main call to action",
        ),
        InlinePanel(
            "featured_stories",
            heading="Featured stories",
            label="Featured story",
            max_num=3,
            help_text="Up to three stories to show first; the first one leads the page, with "
            "its portrait. Without any, the latest stories are shown.",
        ),
        FieldPanel("hero_quote"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "stories.ThemePage",
        "stories.StoryIndexPage",
        "actions.ActionIndexPage",
        "home.InformationPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        from actions.models import ActionPage
        from stories.listing import story_statistics
        from stories.models import ExonereeStoryPage, ThemePage

        context = super().get_context(request, *args, **kwargs)
        everything = ExonereeStoryPage.objects.published()
        themes = ThemePage.objects.live().child_of(self).with_story_counts(everything)
        chosen = [link.story_id for link in self.featured_stories.all()]
        featured = everything.filter(pk__in=chosen) if chosen else everything.newest_first()
        featured = list(featured.cards()[:3])
        if chosen:
            featured.sort(key=lambda story: chosen.index(story.pk))  # the order staff set
        context["hero_story"] = featured[0] if featured else None
        context["featured_stories"] = featured[1:]
        context["hero_action"] = self.hero_action()
        context["themes"] = list(themes)
        context["statistics"] = story_statistics(*everything.totals(), context["themes"])
        context["latest_actions"] = list(ActionPage.objects.live().cards()[:3])
        return context

    def hero_action(self):
        """The main button's page as an action card (with its live signature
        count when it is a petition), or None when it leads to another kind of
        page: one query."""
        from actions.models import ActionPage

        if self.hero_action_page_id is None:
            return None
        return ActionPage.objects.live().filter(pk=self.hero_action_page_id).cards().first()

    @classmethod
    def pages_showing(cls, page):
        """The home page above `page`: it counts every story in its figures,
        features stories, lists the themes and the latest actions, and its
        menu may name any page below it."""
        return cls.objects.live().ancestor_of(page)


class FeaturedStory(Orderable):
    page = ParentalKey(HomePage, related_name="featured_stories", on_delete=models.CASCADE)
    story = models.ForeignKey(
        "stories.ExonereeStoryPage",
        related_name="+",
        on_delete=models.CASCADE,
        help_text="A published story to show on the home page, in this order.",
    )

    panels = [PageChooserPanel("story", "stories.ExonereeStoryPage")]


class InformationPage(Page):
    """A plain page of text: about the campaign, privacy, terms."""

    intro = models.TextField(
        max_length=300, blank=True, help_text="A sentence or two shown under the title."
    )
    body = RichTextField(
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"],
        help_text="The page's text. Use headings to break up anything longer than a screen.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.InformationPage"]
    subpage_types = ["home.InformationPage"]

    class Meta:
        verbose_name = "information page"


class NavigationLink(Orderable):
    """An entry in the header or footer menu: a page of the site, or an
    address elsewhere. Staff drag entries into order."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        # A deleted page takes its menu entry with it, rather than leaving an
        # entry that points nowhere.
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A page of this site. The entry is hidden while the page is unpublished.",
    )
    url = models.URLField(
        "or address",
        blank=True,
        help_text="…or the full address of a page on another site, starting https://",
    )
    label = models.CharField(
        max_length=40,
        blank=True,
        help_text="The words shown. Leave empty to use the page’s title.",
    )

    panels = [PageChooserPanel("page"), FieldPanel("url"), FieldPanel("label")]

    class Meta:
        abstract = True
        ordering = ["sort_order"]

    def clean(self):
        super().clean()
        if bool(self.page_id) == bool(self.url):
            raise ValidationError({"page": "Choose a page or enter an address, not both."})
        if self.url and not self.label:
            raise ValidationError({"label": "Give a link to another site the words to show."})


class HeaderLink(NavigationLink):
    setting = ParentalKey(
        "NavigationSettings", on_delete=models.CASCADE, related_name="header_links"
    )


class FooterLink(NavigationLink):
    setting = ParentalKey(
        "NavigationSettings", on_delete=models.CASCADE, related_name="footer_links"
    )


@register_setting(icon="list-ul")
class NavigationSettings(SitePreviewMixin, ClusterableModel, BaseSiteSetting):
    """The links in the site's header and footer, edited by staff."""

    footer_text = models.TextField(
        max_length=300,
        blank=True,
        help_text="A line at the foot of every page, such as who runs the campaign. "
        "Without it, the site’s description is shown.",
    )
    button_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="header button goes to",
        help_text="The one page you most want every visitor to reach, usually your donate "
        "page: shown as a button at the top of every page, beside the menu, even on phones.",
    )
    button_label = models.CharField(
        "header button text",
        max_length=20,
        blank=True,
        help_text="One or two words, e.g. “Donate”. Leave empty to use the page’s title.",
    )

    select_related = ["button_page"]

    panels = [
        InlinePanel(
            "header_links",
            heading="Header menu",
            label="Header link",
            max_num=7,
            help_text="The main navigation, in order: keep it short, and drag an entry by its "
            "handle to move it. Without any, the pages under the home page with “Show in "
            "menus” ticked (Promote tab) are listed.",
        ),
        InlinePanel(
            "footer_links",
            heading="Footer menu",
            label="Footer link",
            max_num=12,
            help_text="Links at the foot of every page, such as privacy, contact and press.",
        ),
        MultiFieldPanel(
            [PageChooserPanel("button_page"), FieldPanel("button_label")],
            heading="Header button",
        ),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = "navigation"

    @staticmethod
    def cache_key(site_id):
        return f"navigation:{site_id}"

    @staticmethod
    def empty():
        """What the header, footer and meta tags show without a site: no links,
        and the organisation as the settings name it."""
        return {
            "header": [],
            "button": None,
            "footer": [],
            "footer_text": "",
            "organisation": OrganisationSettings.defaults(),
        }

    @classmethod
    def menus_for(cls, request):
        """Everything the header, footer and meta tags take from the site's
        settings: the links as (label, url) pairs and the organisation
        (OrganisationSettings.resolve), as plain data. From the cache, so that
        they cost no query on most pages, and rebuilt when staff change the
        navigation or the organisation, change an image, or publish,
        unpublish, move or delete a page.

        A preview of unsaved navigation or organisation settings (see
        home.preview) is built from them, and never cached."""
        site = Site.find_for_request(request)
        if site is None:
            return cls.empty()
        navigation = cls.preview_override(request)
        organisation = OrganisationSettings.preview_override(request)
        if navigation or organisation:
            menus = (navigation or cls.for_site(site)).resolve(site)
            menus["organisation"] = (organisation or OrganisationSettings.for_site(site)).resolve()
            return menus
        menus = cache.get(cls.cache_key(site.pk))
        if menus is None:
            menus = cls.for_site(site).resolve(site)
            menus["organisation"] = OrganisationSettings.for_site(site).resolve()
            cache.set(cls.cache_key(site.pk), menus, timeout=3600)
        return menus

    def resolve(self, site):
        header = self.links(self.header_links, site)
        if not header:
            root = site.root_page
            header = [
                (page.title, page.get_url(current_site=site))
                for page in root.get_children().live().public().in_menu()
            ]
        button = self.button_page
        if button is not None and button.live:
            button = (self.button_label or button.title, button.get_url(current_site=site))
        else:
            button = None
        return {
            "header": header,
            "button": button,
            "footer": self.links(self.footer_links, site),
            "footer_text": self.footer_text,
        }

    @staticmethod
    def links(entries, site):
        links = []
        for entry in entries.select_related("page"):
            page, url = entry.page, entry.url
            if page is not None:
                if not page.live:
                    continue
                url = page.get_url(current_site=site)
            links.append((entry.label or page.title, url))
        return links

    @classmethod
    def forget(cls, **kwargs):
        keys = [cls.cache_key(pk) for pk in Site.objects.values_list("pk", flat=True)]
        cache.delete_many(keys)
        # Again once the change is committed: a page served meanwhile by
        # another process may have cached what the database still held.
        transaction.on_commit(lambda: cache.delete_many(keys))


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
class OrganisationSettings(SitePreviewMixin, BaseSiteSetting):
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
        "description.",
    )

    select_related = ["logo", "share_image"]

    panels = [
        MultiFieldPanel([FieldPanel("organisation_name"), FieldPanel("logo")], heading="Name"),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("social_links")], heading="Contact"
        ),
        MultiFieldPanel([FieldPanel("share_image"), FieldPanel("share_text")], heading="Sharing"),
    ]

    preview_modes = [("", "Home page"), ("share", "A link shared on social media")]

    class Meta:
        verbose_name = "organisation"

    def serve_preview(self, request, mode_name):
        if mode_name == "share":
            # The card a page without a picture or description of its own gets.
            return TemplateResponse(request, "home/previews/share_card.html")
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

    @classmethod
    def cached_for(cls, request):
        """The organisation's details for a request, from the cache it shares
        with the navigation: no query on most pages."""
        if request is None:
            return cls.defaults()
        return NavigationSettings.menus_for(request)["organisation"]

    def resolve(self):
        """The organisation as plain data for the cache: names, addresses and
        the renditions' URLs and sizes (see NavigationSettings.menus_for)."""
        name = self.organisation_name or settings.WAGTAIL_SITE_NAME
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
            "share_text": self.share_text.strip(),
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
        from campaign.seo import SOCIAL_IMAGE_SPEC  # campaign.seo imports this module

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
