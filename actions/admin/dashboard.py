"""The dashboard's “Supporters” panel: what supporters did, counted by action."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from wagtail.admin.ui.components import Component

from ..models import ActionPage, LetterPage, PetitionPage, Signature


class SupporterCountsPanel(Component):
    """What supporters did, for everyone who uses the admin: counts only,
    never a name or an address. One query for each kind of action that counts
    something, and one for the stories."""

    name = "supporter_counts"
    template_name = "actions/admin/dashboard_panel.html"
    order = 400  # after the to-do panels: counts are for reading, not acting on

    def get_context_data(self, parent_context=None):
        week_ago = timezone.now() - timedelta(days=7)
        # Each kind says what it counts (its tally); a donation counts nothing here.
        by_kind = {kind: self.counted(kind, week_ago) for kind in ActionPage.kinds() if kind.tally}
        stories = (
            Signature.objects.filter(source_page__exonereestorypage__isnull=False)
            .values("source_page_id", "source_page__title")
            .annotate(count=Count("pk"))
            .order_by("-count", "source_page__title")[:5]
        )
        return {
            "signatures": self.totals(by_kind[PetitionPage]),
            "letters": self.totals(by_kind[LetterPage]),
            "actions": [row for rows in by_kind.values() for row in rows],
            "stories": list(stories),
        }

    @staticmethod
    def counted(kind, since):
        """Each action of one kind with its tally, in total and since `since`."""
        relation = kind.tally.relation
        recent = Q(**{f"{relation}__{kind.tally.date_field}__gte": since})
        rows = (
            kind.objects.annotate(total=Count(relation), recent=Count(relation, filter=recent))
            .order_by("-total", "title")
            .values("pk", "title", "total", "recent")
        )
        return [{**row, "unit": kind.tally.unit} for row in rows]

    @staticmethod
    def totals(rows):
        # The totals of the actions listed, without another query; what was
        # sent to a page since deleted is kept, but no longer counted here.
        return {
            "total": sum(row["total"] for row in rows),
            "recent": sum(row["recent"] for row in rows),
        }
