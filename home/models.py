from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models

from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index


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
        help_text="The page the main button leads to.",
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
            help_text="Up to three stories to show first. "
            "Without any, the latest stories are shown.",
        ),
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
        from stories.listing import (
            card_queryset,
            count_by,
            published_stories,
            story_statistics,
            totals,
        )
        from stories.models import ThemePage

        context = super().get_context(request, *args, **kwargs)
        everything = published_stories()
        themes = count_by(
            ThemePage.objects.live().child_of(self), "factors__stories", everything, everything
        )
        chosen = [link.story_id for link in self.featured_stories.all()]
        featured = (
            everything.filter(pk__in=chosen)
            if chosen
            else everything.order_by("-first_published_at")
        )
        context["featured_stories"] = card_queryset(featured)[:3]
        context["themes"] = list(themes.values())
        context["statistics"] = story_statistics(*totals(everything), themes.values())
        context["latest_actions"] = ActionPage.cards(ActionPage.objects.live(), limit=3)
        return context


class FeaturedStory(Orderable):
    page = ParentalKey(HomePage, related_name="featured_stories", on_delete=models.CASCADE)
    story = models.ForeignKey(
        "stories.ExonereeStoryPage", related_name="+", on_delete=models.CASCADE
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


class NavigationLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(required=False, help_text="A page of this site…")
    url = blocks.URLBlock(required=False, label="or address", help_text="…or of another site.")
    label = blocks.CharBlock(
        required=False,
        max_length=40,
        help_text="The words shown. Leave empty to use the page’s title.",
    )

    class Meta:
        icon = "link"
        label = "Link"
        description = "A link in the site’s header or footer"
        preview_value = {"url": "https://example.org", "label": "Example"}

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                {"page": ValidationError("Choose a page or enter an address, not both.")}
            )
        if value.get("url") and not value.get("label"):
            raise StructBlockValidationError(
                {"label": ValidationError("Give a link to another site the words to show.")}
            )
        return value


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """The links in the site's header and footer, edited by staff."""

    header_links = StreamField(
        [("link", NavigationLinkBlock())],
        blank=True,
        max_num=7,
        help_text="The main navigation, in order: keep it short. Without any, the pages "
        "under the home page with “Show in menus” ticked (Promote tab) are listed.",
    )
    footer_links = StreamField(
        [("link", NavigationLinkBlock())],
        blank=True,
        max_num=12,
        help_text="Links at the foot of every page, such as privacy, contact and press.",
    )
    footer_text = models.TextField(
        max_length=300,
        blank=True,
        help_text="A line at the foot of every page, such as who runs the campaign. "
        "Without it, the site’s description is shown.",
    )

    panels = [FieldPanel("header_links"), FieldPanel("footer_links"), FieldPanel("footer_text")]

    class Meta:
        verbose_name = "navigation"

    @staticmethod
    def cache_key(site_id):
        return f"navigation:{site_id}"

    @classmethod
    def menus_for(cls, request):
        """The header and footer links as (label, url) pairs: from the cache, so
        that they cost no query on most pages, and rebuilt when staff change the
        navigation or publish, unpublish, move or delete a page."""
        site = Site.find_for_request(request)
        if site is None:
            return {"header": [], "footer": [], "footer_text": ""}
        menus = cache.get(cls.cache_key(site.pk))
        if menus is None:
            menus = cls.for_site(site).resolve(site)
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
        return {
            "header": header,
            "footer": self.links(self.footer_links, site),
            "footer_text": self.footer_text,
        }

    @staticmethod
    def links(stream, site):
        links = []
        for block in stream:
            page, url, label = block.value["page"], block.value["url"], block.value["label"]
            if page is not None:
                if not page.live:
                    continue
                url = page.get_url(current_site=site)
            links.append((label or page.title, url))
        return links

    @classmethod
    def forget(cls, **kwargs):
        cache.delete_many([cls.cache_key(pk) for pk in Site.objects.values_list("pk", flat=True)])
