from django.db import models
from django.db.models.functions import Cast
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.pagecache import SharedPage
from stories import blocks as story_blocks

from .story import ExonereeStoryPage
from .theme import ThemePage

# The name the body StreamFields give the figure block: how the pages that
# show figures are found.
FIGURE_BLOCK = "registry_figure"


class NumbersPage(SharedPage, Page):
    """“The numbers”: the national picture from the National Registry of
    Exonerations' data, in charts anyone can read, each with its table, its
    source and the date of the import it comes from. Counts only: no case
    record's name ever appears here."""

    intro = models.TextField(
        max_length=400,
        help_text="Two or three sentences on what these numbers are and why they matter. "
        "Shown at the top of the page.",
    )
    figures = StreamField(
        [(FIGURE_BLOCK, story_blocks.RegistryFigureBlock())],
        blank=True,
        help_text="The figures to show, in order. Each is counted afresh from the Registry’s "
        "data after every import. Leave empty to show every figure.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("figures")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    # Every figure when staff chose none.
    EVERY_FIGURE = [
        ("per_year", None),
        ("factors", None),
        ("years_lost", None),
        ("dna", None),
        ("states", None),
        ("crimes", None),
    ]

    class Meta:
        verbose_name = pgettext_lazy("kind of page", "numbers page")

    def chosen_figures(self):
        """(figure, factor) for each figure to show, in order."""
        chosen = [(block.value["figure"], block.value["factor"]) for block in self.figures]
        return chosen or self.EVERY_FIGURE

    @classmethod
    def pages_with_figures(cls):
        """Every live page that shows figures: the numbers pages, and the
        themes and stories whose body places a figure block (found by the
        block's name in their stored body, erring on the side of too many)."""
        found = list(cls.objects.live())
        for model in (ThemePage, ExonereeStoryPage):
            bodies = model.objects.live().alias(stored=Cast("body", models.TextField()))
            found += bodies.filter(stored__contains=f'"{FIGURE_BLOCK}"').defer("body")
        return found

    @classmethod
    def pages_showing(cls, page):
        """Every page with figures when `page` is a story (whether it is
        published decides which numbers link to stories) or a theme (whose
        title heads the factors' figure)."""
        if issubclass(page.specific_class, ExonereeStoryPage | ThemePage):
            return cls.pages_with_figures()
        return []
