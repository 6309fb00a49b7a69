"""The review workflow: editors submit stories, moderators approve them, and
nothing is approved without consent and legal review.

The users here get nothing but their group, as the migrations leave it.
"""

from django.contrib.auth.models import Group

from wagtail.actions.publish_revision import PublishPermissionError
from wagtail.models import GroupApprovalTask, Workflow

from core.workflow import REVIEW_TASK, REVIEW_WORKFLOW
from stories.models import ExonereeStoryPage
from stories.models.publishing import CONSENT_REQUIRED, LEGAL_REVIEW_REQUIRED
from tests.admin import StaffTestCase, sign_in, story_form
from tests.factories import ExonereeStoryPageFactory


class ReviewWorkflowTests(StaffTestCase):
    # Submitting for review

    def test_an_editor_is_warned_at_submit_when_consent_and_legal_review_are_missing(self):
        sign_in(self.client, self.editor)

        response = self.client.post(
            self.add_url(),
            story_form(consent_on_file="", legal_review_done="", **{"action-submit": "submit"}),
            follow=True,
        )

        # Submitted all the same: the moderator may hold the paperwork.
        story = ExonereeStoryPage.objects.get(slug="sam-rivera")
        self.assertTrue(story.workflow_in_progress)
        warnings = [
            m.message.strip() for m in response.context["messages"] if m.level_tag == "warning"
        ]
        self.assertEqual(
            warnings,
            [
                "“The story of Sam Rivera” was submitted, but it can’t be published yet: "
                "“Consent on file” and “Legal review done” are not ticked (Case facts tab). "
                "Tick them once the paperwork is in; until then the moderator can’t "
                "approve it."
            ],
        )
        self.assertContains(response, "“Legal review done” are not ticked")

    def test_an_editor_resubmitting_is_warned_of_what_is_still_missing(self):
        story = ExonereeStoryPageFactory(parent=self.index, live=False)
        sign_in(self.client, self.editor)

        response = self.client.post(
            f"/admin/pages/{story.pk}/edit/",
            story_form(slug=story.slug, legal_review_done="", **{"action-submit": "submit"}),
            follow=True,
        )

        self.assertContains(response, "“Legal review done” is not ticked (Case facts tab). Tick it")
        self.assertNotContains(response, "“Consent on file”")

    def test_an_editor_submitting_a_ready_story_gets_no_warning(self):
        sign_in(self.client, self.editor)
        response = self.client.post(
            self.add_url(), story_form(**{"action-submit": "submit"}), follow=True
        )
        self.assertFalse([m for m in response.context["messages"] if m.level_tag == "warning"])

    def test_saving_a_draft_without_them_warns_of_nothing(self):
        sign_in(self.client, self.editor)
        response = self.client.post(
            self.add_url(), story_form(consent_on_file="", legal_review_done=""), follow=True
        )
        self.assertNotContains(response, "can’t be published yet")

    # The review workflow

    def test_stories_follow_the_review_workflow_alone(self):
        workflow = Workflow.objects.get(name=REVIEW_WORKFLOW)
        task = workflow.tasks.get().specific
        self.assertIsInstance(task, GroupApprovalTask)
        self.assertEqual(task.name, REVIEW_TASK)
        self.assertQuerySetEqual(task.groups.all(), [Group.objects.get(name="Moderators")])
        self.assertEqual(self.index.workflowpage.workflow, workflow)

        story = ExonereeStoryPageFactory(parent=self.index, live=False)
        # The nearest workflow wins: stories are not also sent to Wagtail's
        # default "Moderators approval", which still covers other pages.
        self.assertEqual(story.get_workflow(), workflow)
        self.assertEqual(self.home.get_workflow().name, "Moderators approval")

    def test_approval_without_consent_is_refused_with_the_message(self):
        story = self.in_review(consent_on_file=False)
        sign_in(self.client, self.moderator)

        response = self.client.post(
            f"/admin/pages/{story.pk}/edit/",
            story_form(
                slug=story.slug,
                consent_on_file="",
                **{"action-workflow-action": "true", "workflow-action-name": "approve"},
            ),
        )

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "consent is on file")
        self.assertIn(CONSENT_REQUIRED, response.context["form"].errors["consent_on_file"])
        # Approving from the dashboard, without the form, is refused by the page.
        with self.assertRaisesMessage(PublishPermissionError, CONSENT_REQUIRED):
            story.current_workflow_task_state.task.on_action(
                story.current_workflow_task_state, self.moderator, "approve"
            )
        story.refresh_from_db()
        self.assertFalse(story.live)

    def test_approval_without_legal_review_is_refused_with_the_message(self):
        story = self.in_review(legal_review_done=False)
        sign_in(self.client, self.moderator)

        response = self.client.post(
            f"/admin/pages/{story.pk}/edit/",
            story_form(
                slug=story.slug,
                legal_review_done="",
                **{"action-workflow-action": "true", "workflow-action-name": "approve"},
            ),
        )

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "approving doesn’t tick it for you")
        self.assertEqual(
            response.context["form"].errors["legal_review_done"], [LEGAL_REVIEW_REQUIRED]
        )
        with self.assertRaisesMessage(PublishPermissionError, LEGAL_REVIEW_REQUIRED):
            story.current_workflow_task_state.task.on_action(
                story.current_workflow_task_state, self.moderator, "approve"
            )
        story.refresh_from_db()
        self.assertFalse(story.live)
        self.assertTrue(story.workflow_in_progress)

    def test_approving_from_the_dashboard_without_legal_review_explains_the_refusal(self):
        story = self.in_review(legal_review_done=False)
        task_state = story.current_workflow_task_state
        sign_in(self.client, self.moderator)
        url = f"/admin/pages/workflow/action/{story.pk}/approve/{task_state.pk}/"

        response = self.client.post(url, follow=True)

        self.assertRedirects(response, f"/admin/pages/{story.pk}/edit/")
        self.assertContains(response, "until the legal review is done")
        story.refresh_from_db()
        task_state.refresh_from_db()
        self.assertFalse(story.live)
        self.assertEqual(task_state.status, "in_progress")  # the approval undone
        # From the dialog (“Approve with comment”), the same, in the dialog's terms.
        response = self.client.post(
            url, {"comment": "Looks good"}, headers={"x-requested-with": "XMLHttpRequest"}
        )
        self.assertEqual(
            response.json(), {"step": "success", "redirect": f"/admin/pages/{story.pk}/edit/"}
        )
        self.assertFalse(ExonereeStoryPage.objects.get(pk=story.pk).live)

    def test_approval_with_consent_publishes(self):
        story = self.in_review()
        sign_in(self.client, self.moderator)

        response = self.client.post(
            f"/admin/pages/{story.pk}/edit/",
            story_form(
                slug=story.slug,
                **{"action-workflow-action": "true", "workflow-action-name": "approve"},
            ),
        )

        self.assertEqual(response.status_code, 302)
        story.refresh_from_db()
        self.assertTrue(story.live)
        self.assertFalse(story.workflow_in_progress)
