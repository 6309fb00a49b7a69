from django.db import models

from wagtail.admin.panels import PageChooserPanel
from wagtail.models import Orderable


class RelatedAction(Orderable):
    """A call to action chosen for a story or explainer; subclasses add the
    ParentalKey to their page as `related_actions`. The actions app, above
    this one, reads the choice (ActionPage.chosen_for) and shows it through
    its `related_actions` template tag: stories never import actions."""

    action = models.ForeignKey(
        "actions.ActionPage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The first is shown prominently at the end of the page.",
    )

    # Any kind of action page (petition, letter, donation, sign-up).
    panels = [PageChooserPanel("action", "actions.ActionPage")]

    class Meta:
        abstract = True
