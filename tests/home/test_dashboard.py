"""The dashboard tells each member of staff what to do next, by role."""

import datetime
import re

from django.utils import timezone

from tests.admin import StaffTestCase, sign_in
from tests.factories import ExonereeStoryPageFactory
from tests.queries import within_budget

# Half past noon in New York, the default TIME_ZONE.
GO_LIVE = datetime.datetime(2030, 1, 15, 17, 30, tzinfo=datetime.UTC)


class DashboardTests(StaffTestCase):
    def dashboard(self, user):
        sign_in(self.client, user)
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    @staticmethod
    def panel(html, heading):
        """The text of the dashboard panel with this heading, or "" without one."""
        match = re.search(
            rf"<section[^>]*>(?:(?!</section>).)*{re.escape(heading)}.*?</section>", html, re.S
        )
        return match.group(0) if match else ""

    def test_an_editor_sees_their_drafts_and_is_told_to_submit_them(self):
        story = self.draft(self.editor, person_name="Ada Vale")
        self.draft(self.moderator, person_name="Someone Else")

        panel = self.panel(self.dashboard(self.editor), "Your drafts")

        self.assertIn(f'href="/admin/pages/{story.pk}/edit/"', panel)
        self.assertIn("The story of Ada Vale", panel)
        self.assertIn("Not published yet", panel)
        self.assertIn("“Submit for review”", panel)
        self.assertNotIn("Someone Else", panel)

    def test_a_moderator_is_told_to_publish_their_drafts(self):
        self.draft(self.moderator)
        panel = self.panel(self.dashboard(self.moderator), "Your drafts")
        self.assertIn("then publish it, or submit it for review", panel)

    def test_a_moderator_sees_what_awaits_review_and_an_editor_does_not(self):
        story = self.in_review(person_name="Ada Vale")

        awaiting = self.panel(self.dashboard(self.moderator), "Awaiting your review")
        self.assertIn("The story of Ada Vale", awaiting)
        self.assertIn(f"/admin/pages/{story.pk}/edit/", awaiting)
        self.assertEqual(self.panel(self.dashboard(self.editor), "Awaiting your review"), "")
        # Not also among the editor's drafts: it is in review.
        self.assertNotIn("Ada Vale", self.panel(self.dashboard(self.editor), "Your drafts"))

    def test_an_editor_sees_the_changes_a_moderator_asked_for(self):
        story = self.in_review(person_name="Ada Vale")
        task_state = story.current_workflow_task_state
        task_state.task.specific.on_action(
            task_state, self.moderator, "reject", comment="Add a source for the 1994 trial."
        )

        panel = self.panel(self.dashboard(self.editor), "Changes requested of you")

        self.assertIn(f'href="/admin/pages/{story.pk}/edit/"', panel)
        self.assertIn("Moderator asked for changes: “Add a source for the 1994 trial.”", panel)
        self.assertIn("“Resubmit”", panel)
        self.assertEqual(self.panel(self.dashboard(self.moderator), "Changes requested"), "")

    def test_scheduled_pages_show_their_time_in_the_admins_time_zone(self):
        story = ExonereeStoryPageFactory(parent=self.index, live=False, person_name="Ada Vale")
        story.save_revision(user=self.moderator, approved_go_live_at=GO_LIVE)

        panel = self.panel(self.dashboard(self.editor), "Scheduled to go live")

        self.assertIn("The story of Ada Vale", panel)
        self.assertIn("Goes live 15 Jan 2030, 12:30 EST", panel)
        self.assertIn("“Set schedule”", panel)
        self.assertNotIn("Ada Vale", self.panel(self.dashboard(self.moderator), "Your drafts"))

    def test_recently_published_pages_are_listed_newest_first(self):
        older = ExonereeStoryPageFactory(parent=self.index, person_name="Older Story")
        newer = ExonereeStoryPageFactory(parent=self.index, person_name="Newer Story")
        for story, days_ago in ((older, 3), (newer, 1)):
            story.last_published_at = timezone.now() - datetime.timedelta(days=days_ago)
            story.save()

        panel = self.panel(self.dashboard(self.editor), "Recently published")

        self.assertLess(panel.index("Newer Story"), panel.index("Older Story"))
        self.assertIn(f'href="/admin/pages/{newer.pk}/edit/"', panel)
        self.assertIn("“View live”", panel)

    def test_stories_missing_consent_or_legal_review_are_listed_with_what_is_missing(self):
        no_review = self.draft(self.editor, person_name="No Review", legal_review_done=False)
        neither = self.draft(
            self.editor, person_name="Neither Box", consent_on_file=False, legal_review_done=False
        )
        ticked_since = self.draft(self.editor, person_name="Ticked Since", consent_on_file=False)
        ticked_since.consent_on_file = True
        ticked_since.save_revision(user=self.editor)  # a draft: the page row still says no
        ExonereeStoryPageFactory(parent=self.index, person_name="All Done")

        for user in (self.editor, self.moderator):
            panel = self.panel(self.dashboard(user), "Stories missing consent or legal review")
            self.assertIn(f'href="/admin/pages/{no_review.pk}/edit/"', panel)
            self.assertIn(f'href="/admin/pages/{neither.pk}/edit/"', panel)
            self.assertIn("Not ticked: “Legal review done”<", panel)
            self.assertIn("Not ticked: “Consent on file” and “Legal review done”", panel)
            self.assertNotIn("Ticked Since", panel)
            self.assertNotIn("All Done", panel)
            self.assertIn("can’t be published until both boxes are ticked", panel)

    def test_staff_who_only_see_supporter_data_get_no_page_panels(self):
        self.draft(self.editor, legal_review_done=False)
        ExonereeStoryPageFactory(parent=self.index)

        html = self.dashboard(self.supporter_data)

        for heading in ("Stories missing", "Recently published", "Scheduled"):
            self.assertEqual(self.panel(html, heading), "", heading)
        self.assertIn("Supporters", html)  # the counts panel stays

    def test_the_dashboard_costs_the_same_queries_for_1_or_20_pages_of_each_kind(self):
        # One page awaits review in both runs: Wagtail's own “Awaiting your
        # review” panel costs one query per page in it (its progress dots).
        self.in_review()

        def queries_with(count):
            for __ in range(count):
                self.draft(self.editor, legal_review_done=False)
                self.draft(self.moderator)
                ExonereeStoryPageFactory(parent=self.index)
                scheduled = ExonereeStoryPageFactory(parent=self.index, live=False)
                scheduled.save_revision(user=self.moderator, approved_go_live_at=GO_LIVE)
                story = self.in_review()
                task_state = story.current_workflow_task_state
                task_state.task.specific.on_action(task_state, self.moderator, "reject")
            counts = {}
            for user in (self.editor, self.moderator):
                sign_in(self.client, user)
                self.client.get("/admin/")  # the first visit makes the user's profile
                # 43: Wagtail's own admin, our panels (the impact panel's two:
                # views and signatures, each with the week before), and whether
                # the user may import stories (the menu offers it to those only).
                with within_budget(43, f"{user.username}'s dashboard") as queries:
                    self.client.get("/admin/")
                counts[user.username] = len(queries)
            return counts

        one = queries_with(1)
        twenty = queries_with(19)

        self.assertEqual(one, twenty)  # both within budget: queries_with checks
