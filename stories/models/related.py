"""The links from a story or explainer to other pages: the calls to action
chosen for it, and the stories suggested at its end."""

from wagtail_localize.fields import TranslatableField

from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import PageChooserPanel
from wagtail.models import Orderable, TranslatableMixin


class RelatedAction(TranslatableMixin, Orderable):
    """A call to action chosen for a story or explainer; subclasses add the
    ParentalKey to their page as `related_actions`. The actions app, above
    this one, reads the choice (ActionPage.chosen_for) and shows it through
    its `related_actions` template tag: stories never import actions.
    Translatable, so that a translation keeps its own choice through a sync:
    wagtail-localize leads each to the action's translation, where there is one."""

    # Any page, not an ActionPage: wagtail-localize sets a translated link to
    # a plain Page (wagtail-localize#430). The panel offers actions only, and
    # ActionPage.chosen_for shows actions only.
    action = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The first is shown prominently at the end of the page.",
    )

    override_translatable_fields = [TranslatableField("action")]

    # Any kind of action page (petition, letter, donation, sign-up).
    panels = [PageChooserPanel("action", "actions.ActionPage")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True


class RelatedStory(Orderable):
    page = ParentalKey(
        "stories.ExonereeStoryPage", related_name="related_stories", on_delete=models.CASCADE
    )
    story = models.ForeignKey(
        "stories.ExonereeStoryPage",
        related_name="+",
        on_delete=models.CASCADE,
        help_text="Another story to suggest at the end of this one, such as a similar case.",
    )

    panels = [PageChooserPanel("story", "stories.ExonereeStoryPage")]


class StoryRelatedAction(RelatedAction):
    page = ParentalKey(
        "stories.ExonereeStoryPage", related_name="related_actions", on_delete=models.CASCADE
    )
