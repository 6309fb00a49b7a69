"""The home page, which composes stories, themes and calls to action, and
the site's plain information pages."""

from wagtail_localize.fields import TranslatableField

from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import pgettext_lazy

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from actions.models import ActionPage
from core.pagecache import SharedPage
from stories.listing import story_statistics
from stories.models import ExonereeStoryPage, ThemePage


class HomePage(SharedPage, Page):
    """The front door of the campaign: the root of the site's page tree."""

    # The hero may show a petition's live count: kept no longer than the
    # petition's own page keeps it (see PetitionPage.cache_seconds).
    cache_seconds = 45

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

    # A translation's main button leads to the chosen page's translation into
    # its language, where there is one (wagtail-localize's default for a page
    # link is a copy of the source's); the quote and the featured stories are
    # translated by default.
    override_translatable_fields = [TranslatableField("hero_action_page")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "stories.ThemePage",
        "stories.StoryIndexPage",
        "stories.NumbersPage",
        "actions.ActionIndexPage",
        "home.InformationPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = pgettext_lazy("kind of page", "home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The stories, themes and figures are worked out only if the template
        # needs them: not when their fragments are in the shared cache
        # (core.rendercache). The actions, with their live counts, always are.
        featured = SimpleLazyObject(self.featured)
        themes = SimpleLazyObject(self.themes_with_counts)
        context["hero_story"] = SimpleLazyObject(lambda: featured[0] if featured else None)
        context["featured_stories"] = SimpleLazyObject(lambda: featured[1:])
        context["themes"] = themes
        context["statistics"] = SimpleLazyObject(
            lambda: story_statistics(*self.stories().totals(), themes)
        )
        context["hero_action"] = self.hero_action()
        context["latest_actions"] = list(
            ActionPage.objects.live().in_locale(self.locale_id).cards()[:3]
        )
        return context

    def stories(self):
        """The published stories in this home page's language."""
        return ExonereeStoryPage.objects.published().in_locale(self.locale_id)

    def featured(self):
        """The stories staff chose to show first, in their order, else the
        latest: at most three."""
        everything = self.stories()
        chosen = [link.story_id for link in self.featured_stories.all()]
        featured = everything.filter(pk__in=chosen) if chosen else everything.newest_first()
        featured = list(featured.cards()[:3])
        if chosen:
            featured.sort(key=lambda story: chosen.index(story.pk))  # the order staff set
        return featured

    def themes_with_counts(self):
        everything = self.stories()
        return list(ThemePage.objects.live().child_of(self).with_story_counts(everything))

    def hero_action(self):
        """The main button's page as an action card (with its live signature
        count when it is a petition), or None when it leads to another kind of
        page: one query."""
        if self.hero_action_page_id is None:
            return None
        return ActionPage.objects.live().filter(pk=self.hero_action_page_id).cards().first()

    @classmethod
    def pages_showing(cls, page):
        """The home page above `page`: it counts every story in its figures,
        features stories, lists the themes and the latest actions, and its
        menu may name any page below it."""
        return cls.objects.live().ancestor_of(page)


class FeaturedStory(TranslatableMixin, Orderable):
    """A story staff chose to show first on the home page. Translatable, so
    that a translation of the home page keeps its own list through a sync:
    wagtail-localize leads each to the story's translation, where there is one."""

    page = ParentalKey(HomePage, related_name="featured_stories", on_delete=models.CASCADE)
    # Any page, not an ExonereeStoryPage: wagtail-localize sets a translated
    # link to a plain Page (wagtail-localize#430). The panel offers stories
    # only, and HomePage.featured() shows stories only.
    story = models.ForeignKey(
        "wagtailcore.Page",
        related_name="+",
        on_delete=models.CASCADE,
        help_text="A published story to show on the home page, in this order.",
    )

    override_translatable_fields = [TranslatableField("story")]

    panels = [PageChooserPanel("story", "stories.ExonereeStoryPage")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        pass


class InformationPage(SharedPage, Page):
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
        verbose_name = pgettext_lazy("kind of page", "information page")
