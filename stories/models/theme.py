from django.db import models
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import pgettext_lazy

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from core.pagecache import SharedPage
from stories import blocks as story_blocks

from .queries import ThemeQuerySet
from .related import RelatedAction
from .story import ExonereeStoryPage


class ThemePage(SharedPage, Page):
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
            ("registry_figure", story_blocks.RegistryFigureBlock()),
        ],
        blank=True,
        help_text="The explanation: sections, key figures with sources, a quote, how it goes "
        "wrong step by step, the reforms that fix it, a source for every claim, and charts of "
        "the Registry’s national figures. Stories appear below it by themselves.",
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

    objects = PageManager.from_queryset(ThemeQuerySet)()

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    STORIES_SHOWN = 6

    class Meta:
        verbose_name = pgettext_lazy("kind of page", "theme explainer")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = ExonereeStoryPage.objects.published().in_locale(self.locale_id)
        stories = stories.for_theme(self).newest_first()
        context["stories"] = stories.cards()[: self.STORIES_SHOWN]
        # The index's module imports this one (its facets list the themes), so
        # the index is found as what stories live under.
        (index_type,) = ExonereeStoryPage.allowed_parent_page_models()
        # Looked up only if the template needs it, as the stories are: not
        # when their fragment is in the shared cache (core.rendercache). Read
        # with what the figures in the body link to, in the same query.
        context["story_index"] = SimpleLazyObject(lambda: index_type.for_request(request))
        return context

    @classmethod
    def pages_showing(cls, page):
        """The live themes that show `page`: a story filed under one of their
        factors, or an action they chose, in any of its languages (they offer
        its translation in theirs)."""
        themes = cls.objects.live()
        if issubclass(page.specific_class, ExonereeStoryPage):
            return themes.filter(factors__stories=page.pk).distinct()
        return themes.filter(related_actions__action__translation_key=page.translation_key)

    @classmethod
    def urls_showing_outside_pages(cls, page):
        """The open data name each story's themes."""
        return [reverse("stories_csv"), reverse("stories_json")]


class ThemeRelatedAction(RelatedAction):
    page = ParentalKey(ThemePage, related_name="related_actions", on_delete=models.CASCADE)
