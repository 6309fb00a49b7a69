from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class StoryIndexPage(Page):
    """The database of stories that visitors filter, sort and page through."""

    intro = models.TextField(
        max_length=400,
        blank=True,
        help_text="One or two sentences above the list, e.g. why these stories matter.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.ExonereeStoryPage"]
    max_count = 1

    class Meta:
        verbose_name = "story index"
