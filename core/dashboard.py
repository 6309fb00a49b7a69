"""The dashboard's to-do panels: what each member of staff should do next.

Wagtail's own panels stay beside these and are not repeated: “Awaiting your
review” (what a moderator may approve), “Your pages and snippets in a
workflow” and “Your most recent edits”. Each panel here lists at most `limit`
pages, says in one sentence what to do with them, and links each to its edit
screen. Each costs a fixed number of queries, however many pages there are.
"""

from django.db.models import IntegerField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from wagtail.admin.ui.components import Component
from wagtail.models import Page, Revision, WorkflowState, get_default_page_content_type
from wagtail.permissions import policy_registry


def can_publish(user):
    """Whether the user may publish any page: moderators, not editors."""
    return policy_registry.get_by_type(Page).user_has_permission(user, "publish")


def can_edit_pages(user):
    """Editors and moderators; not staff who only see supporters' data."""
    return policy_registry.get_by_type(Page).user_has_any_permission(user, ["add", "change"])


class ToDoPanel(Component):
    """A list of pages that need something from the user. Subclasses give a
    heading, `rows()` and `next_step()`; nothing is shown when there are none."""

    template_name = "core/admin/todo_panel.html"
    heading = ""
    limit = 10

    def get_context_data(self, parent_context=None):
        user = parent_context["request"].user
        rows = self.rows(user) if can_edit_pages(user) else []
        return {
            "id": self.name.replace("_", "-"),
            "heading": self.heading,
            "rows": rows,
            "next_step": self.next_step(user) if rows else "",
            "more": self.more_link(),
        }

    def rows(self, user):
        """(page, detail) pairs: the page and a short line about it."""
        raise NotImplementedError

    def next_step(self, user):
        raise NotImplementedError

    def more_link(self):
        """(url, words) of a screen that lists them all, if there is one."""
        return None

    @staticmethod
    def edit_url(page):
        return reverse("wagtailadmin_pages:edit", args=[page.pk])


class ChangesRequestedPanel(ToDoPanel):
    name = "changes_requested"
    heading = "Changes requested of you"
    order = 200

    def rows(self, user):
        states = list(
            WorkflowState.objects.filter(
                status=WorkflowState.STATUS_NEEDS_CHANGES,
                requested_by=user,
                base_content_type=get_default_page_content_type(),
            )
            .select_related("current_task_state__finished_by")
            .order_by("-current_task_state__finished_at")[: self.limit]
        )
        pages = Page.objects.in_bulk([int(state.object_id) for state in states])
        rows = []
        for state in states:
            page = pages.get(int(state.object_id))
            if page is None:
                continue
            task_state = state.current_task_state
            who = task_state.finished_by.get_full_name() or task_state.finished_by.get_username()
            comment = f": “{task_state.comment}”" if task_state.comment else ""
            rows.append((page, f"{who} asked for changes{comment}"))
        return rows

    def next_step(self, user):
        return (
            "Make the changes asked for, then press “Resubmit” in the editor’s footer menu "
            "to send the page back for review."
        )


class MyDraftsPanel(ToDoPanel):
    name = "my_drafts"
    heading = "Your drafts"
    order = 230

    def rows(self, user):
        in_review = WorkflowState.objects.active().filter(
            base_content_type=get_default_page_content_type()
        )
        pages = (
            Page.objects.filter(has_unpublished_changes=True, latest_revision__user=user)
            .filter(latest_revision__approved_go_live_at__isnull=True)
            .exclude(pk__in=in_review.values(pk=Cast("object_id", IntegerField())))
            .select_related("latest_revision")
            .order_by("-latest_revision_created_at")[: self.limit]
        )
        return [
            (page, "Live, with unpublished changes" if page.live else "Not published yet")
            for page in pages
        ]

    def next_step(self, user):
        if can_publish(user):
            return "Finish each draft, then publish it, or submit it for review."
        return "Finish each draft, then choose “Submit for review” in the editor’s footer menu."


class ScheduledPanel(ToDoPanel):
    name = "scheduled"
    heading = "Scheduled to go live"
    order = 260

    def rows(self, user):
        revisions = list(
            Revision.page_revisions.filter(approved_go_live_at__isnull=False)
            .order_by("approved_go_live_at")
            .values("object_id", "approved_go_live_at")[: self.limit]
        )
        pages = Page.objects.in_bulk([int(revision["object_id"]) for revision in revisions])
        return [
            (pages[int(revision["object_id"])], self.when(revision["approved_go_live_at"]))
            for revision in revisions
            if int(revision["object_id"]) in pages
        ]

    @staticmethod
    def when(moment):
        """“15 Jan 2030, 12:30 EST”: in the admin's time zone, named."""
        return f"Goes live {timezone.localtime(moment):%-d %b %Y, %H:%M %Z}"

    def next_step(self, user):
        return (
            "These go live by themselves at the time shown. To change or cancel a time, open "
            "the page, then its status panel (the ⓘ “Toggle status” button at the top) → "
            "“Set schedule”."
        )


class RecentlyPublishedPanel(ToDoPanel):
    name = "recently_published"
    heading = "Recently published"
    order = 270
    limit = 5

    def rows(self, user):
        pages = Page.objects.live().filter(last_published_at__isnull=False).exclude(depth=1)
        return [
            (page, f"Published {timezone.localtime(page.last_published_at):%-d %b %Y, %H:%M %Z}")
            for page in pages.order_by("-last_published_at")[: self.limit]
        ]

    def next_step(self, user):
        return (
            "Check each page as readers see it (“View live” on its edit screen) and share it; "
            "fix any mistake and publish again."
        )
