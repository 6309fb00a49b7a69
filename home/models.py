from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
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
