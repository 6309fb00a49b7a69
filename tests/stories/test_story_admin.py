"""Stories in the admin: editors draft them, and nothing is published without
consent and legal review, whether by hand, through the workflow or on schedule."""

import datetime
import re

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.utils import timezone

from wagtail.actions.publish_revision import PublishPermissionError
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask
from wagtail.test.utils import WagtailPageTestCase

from actions.models import ActionSettings
from home.models import HomePage
from stories.models import ExonereeStoryPage, StoryIndexPage
from stories.models.publishing import CONSENT_REQUIRED, LEGAL_REVIEW_REQUIRED
from tests.admin import StaffClient, create_as_editor, sign_in, story_form
from tests.factories import (
    ActionIndexPageFactory,
    ExonereeStoryPageFactory,
    PetitionPageFactory,
    StoryIndexPageFactory,
)


def action_section(html):
    """The calls to action at the end of a story, as a reader sees them."""
    return re.findall(r'href="(/actions/[^"]+)"', html)


class StoryAdminTests(WagtailPageTestCase):
    client_class = StaffClient

    @classmethod
    def setUpTestData(cls):
        cls.index = StoryIndexPageFactory(parent=HomePage.objects.get())
        editors = Group.objects.get(name="Editors")
        editors.permissions.add(Permission.objects.get(codename="access_admin"))
        cls.editor = cls.create_user("editor", password="pw")
        cls.editor.groups.add(editors)
        cls.moderator = cls.create_user("moderator", password="pw")
        cls.moderator.groups.add(Group.objects.get(name="Moderators"), editors)

    def add_url(self):
        return f"/admin/pages/add/stories/exonereestorypage/{self.index.pk}/"

    def test_the_preview_shows_the_default_action_as_the_live_page_does(self):
        home = HomePage.objects.get()
        petition = PetitionPageFactory(
            parent=ActionIndexPageFactory(parent=home), title="Review bite-mark convictions"
        )
        ActionSettings.objects.create(site=home.get_site(), default_action=petition)
        story = ExonereeStoryPageFactory(parent=self.index)
        sign_in(self.client, self.moderator)
        preview_url = f"/admin/pages/{story.pk}/edit/preview/"

        self.client.post(preview_url, story_form(slug=story.slug))
        preview = self.client.get(preview_url).content.decode()

        live = self.client.get(story.url).content.decode()
        self.assertIn("Review bite-mark convictions", live)
        self.assertIn("Review bite-mark convictions", preview)
        self.assertEqual(action_section(preview), action_section(live))

    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(ExonereeStoryPage, {StoryIndexPage})
        self.assertAllowedSubpageTypes(ExonereeStoryPage, set())
        self.assertAllowedParentPageTypes(StoryIndexPage, {HomePage})

    def test_an_editor_who_is_not_a_superuser_creates_a_story(self):
        sign_in(self.client, self.editor)
        story = create_as_editor(self, self.index, ExonereeStoryPage, story_form())
        self.assertEqual(
            [b.block_type for b in story.body], ["text", "quote", "timeline", "citation"]
        )
        self.assertFalse(story.live)  # editors draft; they can't publish

    def test_the_story_renders_routes_and_previews(self):
        story = ExonereeStoryPageFactory(parent=self.index)
        sign_in(self.client, self.moderator)
        self.assertPageIsRoutable(story)
        self.assertPageIsRenderable(story)
        self.assertPageIsPreviewable(story, post_data=story_form(slug=story.slug))

    def test_dates_out_of_order_are_refused_on_the_field(self):
        sign_in(self.client, self.moderator)
        response = self.client.post(
            self.add_url(),
            story_form(conviction_year="1990", exoneration_year=str(timezone.now().year + 1)),
        )
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertIn("The conviction can’t come before the crime.", form.errors["conviction_year"])
        self.assertIn(
            f"This can’t be later than {timezone.now().year}.", form.errors["exoneration_year"]
        )
        self.assertFalse(ExonereeStoryPage.objects.exists())

    def test_publishing_without_consent_is_refused_with_the_message(self):
        sign_in(self.client, self.moderator)
        response = self.client.post(
            self.add_url(), story_form(consent_on_file="", **{"action-publish": "action-publish"})
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "consent is on file")
        self.assertIn(CONSENT_REQUIRED, response.context["form"].errors["consent_on_file"])
        self.assertFalse(ExonereeStoryPage.objects.filter(live=True).exists())

    def test_scheduling_without_consent_is_refused(self):
        sign_in(self.client, self.moderator)
        go_live = (timezone.now() + datetime.timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
        response = self.client.post(
            self.add_url(),
            story_form(
                consent_on_file="", go_live_at=go_live, **{"action-publish": "action-publish"}
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(CONSENT_REQUIRED, response.context["form"].errors["consent_on_file"])
        self.assertFalse(ExonereeStoryPage.objects.exists())

    def test_publishing_without_legal_review_is_refused_with_the_message(self):
        story = ExonereeStoryPageFactory(parent=self.index, live=False, legal_review_done=False)
        sign_in(self.client, self.moderator)

        response = self.client.post(
            f"/admin/pages/{story.pk}/edit/",
            story_form(
                slug=story.slug, legal_review_done="", **{"action-publish": "action-publish"}
            ),
        )

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "until the legal review is done")
        form = response.context["form"]
        self.assertEqual(form.errors["legal_review_done"], [LEGAL_REVIEW_REQUIRED])
        self.assertNotIn("consent_on_file", form.errors)
        story.refresh_from_db()
        self.assertFalse(story.live)

    def test_publishing_with_neither_names_both_on_their_fields(self):
        sign_in(self.client, self.moderator)
        response = self.client.post(
            self.add_url(),
            story_form(
                consent_on_file="", legal_review_done="", **{"action-publish": "action-publish"}
            ),
        )
        form = response.context["form"]
        self.assertEqual(form.errors["consent_on_file"], [CONSENT_REQUIRED])
        self.assertEqual(form.errors["legal_review_done"], [LEGAL_REVIEW_REQUIRED])
        self.assertFalse(ExonereeStoryPage.objects.exists())

    def test_a_draft_without_legal_review_can_be_saved(self):
        sign_in(self.client, self.editor)
        response = self.client.post(self.add_url(), story_form(legal_review_done=""))
        self.assertEqual(response.status_code, 302)
        self.assertFalse(ExonereeStoryPage.objects.get().legal_review_done)

    def test_a_draft_without_consent_can_be_saved(self):
        sign_in(self.client, self.editor)
        response = self.client.post(self.add_url(), story_form(consent_on_file=""))
        self.assertEqual(response.status_code, 302)
        self.assertFalse(ExonereeStoryPage.objects.get().live)

    def test_workflow_approval_without_consent_publishes_nothing(self):
        workflow = Workflow.objects.create(name="Legal and consent review")
        task = GroupApprovalTask.objects.create(name="Moderators approve")
        task.groups.set(Group.objects.filter(name="Moderators"))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(workflow=workflow, page=self.index)
        story = ExonereeStoryPageFactory(parent=self.index, live=False, consent_on_file=False)
        story.save_revision(user=self.editor)
        workflow.start(story, self.editor)

        with self.assertRaisesMessage(PublishPermissionError, CONSENT_REQUIRED):
            story.current_workflow_task_state.task.on_action(
                story.current_workflow_task_state, self.moderator, "approve"
            )
        story.refresh_from_db()
        self.assertFalse(story.live)

    def test_workflow_approval_without_legal_review_publishes_nothing(self):
        workflow = Workflow.objects.create(name="Legal and consent review")
        task = GroupApprovalTask.objects.create(name="Moderators approve")
        task.groups.set(Group.objects.filter(name="Moderators"))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(workflow=workflow, page=self.index)
        story = ExonereeStoryPageFactory(parent=self.index, live=False, legal_review_done=False)
        story.save_revision(user=self.editor)
        workflow.start(story, self.editor)

        with self.assertRaisesMessage(PublishPermissionError, LEGAL_REVIEW_REQUIRED):
            story.current_workflow_task_state.task.on_action(
                story.current_workflow_task_state, self.moderator, "approve"
            )
        story.refresh_from_db()
        self.assertFalse(story.live)
        self.assertFalse(story.legal_review_done)  # approving records nothing by itself

    def test_scheduled_publishing_skips_a_story_without_legal_review(self):
        story = ExonereeStoryPageFactory(parent=self.index, live=False, legal_review_done=False)
        revision = story.save_revision(
            approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1)
        )

        call_command("publish_scheduled")

        story.refresh_from_db()
        revision.refresh_from_db()
        self.assertFalse(story.live)
        self.assertIsNone(revision.approved_go_live_at)

    def test_scheduled_publishing_never_publishes_a_story_without_consent(self):
        # Consent withdrawn after the story was scheduled: the run goes on
        # for other pages, this story stays offline and loses its schedule.
        story = ExonereeStoryPageFactory(parent=self.index, live=False, consent_on_file=False)
        revision = story.save_revision()
        revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
        revision.save()
        other = ExonereeStoryPageFactory(parent=self.index, live=False)
        other_revision = other.save_revision()
        other_revision.approved_go_live_at = revision.approved_go_live_at
        other_revision.save()

        call_command("publish_scheduled")

        story.refresh_from_db()
        revision.refresh_from_db()
        other.refresh_from_db()
        self.assertFalse(story.live)
        self.assertIsNone(revision.approved_go_live_at)
        self.assertTrue(other.live)
