from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from stories import blocks as story_blocks

from .related import RelatedAction


class ThemePage(Page):
    """An explainer of one way the justice system fails: The Evidence, The
    Eyewitness or The Prosecution. The contributing factors mapped to it decide
    which stories it shows."""

    class Look(models.TextChoices):
        INK = "ink", "Ink (neutral)"
        BLUE = "blue", "Blue: evidence and science"
        AMBER = "amber", "Amber: eyes and memory"
        RED = "red", "Red: power and misconduct"

    look = models.CharField(
        max_length=10,
        choices=Look.choices,
        default=Look.INK,
        help_text="The colour that marks this theme across the site: its page, its card and "
        "the factors on stories. Give each theme a different one.",
    )
    intro = models.TextField(
        max_length=400,
        help_text="Two or three sentences that say what goes wrong and why it matters. "
        "Shown at the top of the page and on the theme's card.",
    )

    body = StreamField(
        [
            ("section", story_blocks.SectionBlock()),
            ("statistic", story_blocks.KeyStatisticBlock()),
            ("quote", story_blocks.PullQuoteBlock()),
            ("steps", story_blocks.StepsBlock()),
            ("reforms", story_blocks.ReformsBlock()),
            ("citation", story_blocks.CitationBlock()),
        ],
        blank=True,
        help_text="The explanation: sections, key figures with sources, a quote, how it goes "
        "wrong step by step, the reforms that fix it, and a source for every claim. Stories "
        "appear below it by themselves.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("look"),
        FieldPanel("body"),
        InlinePanel(
            "related_actions",
            heading="Related actions",
            label="Action",
            max_num=3,
            help_text="What readers can do about it. The first is shown prominently. "
            "Without any, the site’s default action is shown.",
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    STORIES_SHOWN = 6

    class Meta:
        verbose_name = "theme explainer"

    def get_context(self, request, *args, **kwargs):
        from stories.listing import card_queryset, published_stories

        from .index import StoryIndexPage

        context = super().get_context(request, *args, **kwargs)
        stories = published_stories().filter(factors__theme=self).distinct()
        context["stories"] = card_queryset(stories.order_by("-first_published_at"))[
            : self.STORIES_SHOWN
        ]
        context["story_index"] = StoryIndexPage.objects.live().first()
        return context


class ThemeRelatedAction(RelatedAction):
    page = ParentalKey(ThemePage, related_name="related_actions", on_delete=models.CASCADE)
