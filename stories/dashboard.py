"""The dashboard panel for stories that can't be published yet."""

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.urls import reverse

from core.dashboard import ToDoPanel

from .models import ExonereeStoryPage
from .models.publishing import PUBLISHING_NEEDS


def unticked(field):
    """Stories whose box `field` is unticked in their latest version (a draft
    saved since may differ from the page itself), or on the page itself when
    it has no saved version."""
    return Q(**{f"latest_revision__content__{field}": False}) | Q(
        latest_revision__isnull=True, **{field: False}
    )


class StoriesMissingPaperworkPanel(ToDoPanel):
    name = "stories_missing_paperwork"
    heading = "Stories missing consent or legal review"
    order = 205

    def rows(self, user):
        missing = {field: unticked(field) for field in PUBLISHING_NEEDS}
        stories = (
            ExonereeStoryPage.objects.filter(Q(*missing.values(), _connector=Q.OR))
            .annotate(
                **{
                    f"lacks_{field}": ExpressionWrapper(condition, output_field=BooleanField())
                    for field, condition in missing.items()
                }
            )
            .order_by("-live", "-latest_revision_created_at")[: self.limit]
        )
        return [(story, self.describe(story)) for story in stories]

    @staticmethod
    def describe(story):
        labels = [
            f"“{label}”"
            for field, (label, __) in PUBLISHING_NEEDS.items()
            if getattr(story, f"lacks_{field}")
        ]
        detail = f"Not ticked: {' and '.join(labels)}"
        if story.live and story.has_unpublished_changes:
            return f"Live; in its latest draft, {detail[0].lower()}{detail[1:]}"
        # Only a story published before both were required can be live so.
        return f"Live already. {detail}" if story.live else detail

    def next_step(self, user):
        return (
            "A story can’t be published until both boxes are ticked (Case facts tab): tick "
            "each once the signed consent or the legal review is in hand. A story live "
            "without them was published before both were required: tick them, or unpublish it."
        )

    def more_link(self):
        return reverse("stories:index"), "Every story, with its consent and legal review"
