from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index


class ThemePage(Page):
    """An explainer of one way the justice system fails: The Evidence, The
    Eyewitness or The Prosecution. The contributing factors mapped to it decide
    which stories it shows."""

    intro = models.TextField(
        max_length=400,
        help_text="Two or three sentences that say what goes wrong and why it matters. "
        "Shown at the top of the page and on the theme's card.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "theme explainer"
