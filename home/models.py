from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


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

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["stories.ThemePage", "stories.StoryIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = "home page"
