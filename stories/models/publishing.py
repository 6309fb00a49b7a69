"""What a story needs before it may go live: the person's consent on file and
the legal review done. Checked in the editor's form, and again by the page
itself, the last line of defence for every path to going live. The editor's
form also offers the factors of the story's own language only."""

import logging

from django.db.models import Q

from wagtail.actions.publish_revision import PublishPermissionError
from wagtail.admin.forms import WagtailAdminPageForm

logger = logging.getLogger(__name__)

CONSENT_REQUIRED = (
    "This story can’t be published until the person’s consent is on file. "
    "Tick “Consent on file” (Case facts tab) once you have it in writing."
)
# Approving doesn't tick the box by itself: the tick is the record that a
# review happened, so the person who knows it did ticks it.
LEGAL_REVIEW_REQUIRED = (
    "This story can’t be published until the legal review is done. "
    "Once it is, tick “Legal review done” (Case facts tab), then publish or approve again: "
    "approving doesn’t tick it for you."
)
# The boxes publishing needs ticked, each with its label in the editor and
# the refusal shown without it.
PUBLISHING_NEEDS = {
    "consent_on_file": ("Consent on file", CONSENT_REQUIRED),
    "legal_review_done": ("Legal review done", LEGAL_REVIEW_REQUIRED),
}


class ExonereeStoryPageForm(WagtailAdminPageForm):
    """Refuses, with a message on each field, to publish, schedule or approve
    a story without consent on file and the legal review done."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        if "factors" in self.fields:
            # A Spanish story files under Spanish factors: the checkboxes list
            # its language's, and any it is filed under already (an English
            # one, until that factor is translated), which saving must keep.
            locale_id = self.instance.locale_id or getattr(parent_page, "locale_id", None)
            filed = [factor.pk for factor in self.instance.factors.all()]
            field = self.fields["factors"]
            field.queryset = field.queryset.filter(Q(locale_id=locale_id) | Q(pk__in=filed))

    def clean(self):
        cleaned = super().clean()
        going_live = "action-publish" in self.data or (
            "action-workflow-action" in self.data
            and self.data.get("workflow-action-name") == "approve"
        )
        if going_live:
            for field, (__, refusal) in PUBLISHING_NEEDS.items():
                if not cleaned.get(field):
                    self.add_error(field, refusal)
        return cleaned


class PublishingNeeds:
    """For the story page: refuses to publish without what PUBLISHING_NEEDS
    lists ticked on the revision being published."""

    def publish(self, revision, *args, user=None, **kwargs):
        # The last line of defence for every path to going live: the editor,
        # scheduled publishing and workflow approval all end here.
        missing = revision.as_object().missing_for_publishing()
        if missing:
            if user is None:
                # publish_scheduled: unschedule it and let the run go on.
                logger.warning(
                    "Not publishing “%s”: not ticked: %s.",
                    self.title,
                    ", ".join(label for label, __ in missing),
                )
                revision.approved_go_live_at = None
                revision.save(update_fields=["approved_go_live_at"])
                return None
            raise PublishPermissionError(" ".join(refusal for __, refusal in missing))
        return super().publish(revision, *args, user=user, **kwargs)

    def missing_for_publishing(self):
        """What this story still needs before it may go live, as (label,
        refusal) pairs: empty when it may be published."""
        return [need for field, need in PUBLISHING_NEEDS.items() if not getattr(self, field)]
