"""Staff roles and the review workflow: what each group may and may not do.

The users here get nothing but their group, so these tests check the groups
exactly as the migrations leave them on a new site.
"""

import importlib
import io

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from wagtail.actions.publish_revision import PublishPermissionError
from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageLogEntry,
    Site,
    Workflow,
)
from wagtail.test.utils import WagtailPageTestCase

from actions.models import ActionIndexPage
from core.workflow import REVIEW_TASK, REVIEW_WORKFLOW, ensure_review_workflow
from home.models import HomePage
from stories.models import ExonereeStoryPage, StoryIndexPage
from stories.models.story import CONSENT_REQUIRED, LEGAL_REVIEW_REQUIRED
from tests.factories import (
    ActionIndexPageFactory,
    ExonereeStoryPageFactory,
    SignatureFactory,
    SignUpPageFactory,
    StoryIndexPageFactory,
)
from tests.stories.test_story_page import story_form

workflow_migration = importlib.import_module("stories.migrations.0007_review_workflow")

SUPPORTER_DATA = ["/admin/signatures/", "/admin/supporter-data/"]
STAFF_ONLY = ["/admin/users/", "/admin/groups/", "/admin/workflows/list/"]


def site_settings(site):
    return [
        f"/admin/settings/actions/actionsettings/{site.pk}/",
        f"/admin/settings/core/navigationsettings/{site.pk}/",
    ]


MODERATOR_TOOLS = [
    "/admin/redirects/",
    "/admin/redirects/add/",
    "/admin/snippets/actions/consentstatement/add/",
]


class RoleTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()
        cls.site = Site.objects.get(is_default_site=True)
        cls.index = StoryIndexPageFactory(parent=cls.home)
        # On a new site the demo content assigns the workflow; here the test does.
        ensure_review_workflow(cls.index)
        cls.signup = SignUpPageFactory(parent=ActionIndexPageFactory(parent=cls.home))
        SignatureFactory()
        cls.editor = cls.member("editor", "Editors")
        cls.moderator = cls.member("moderator", "Moderators")
        cls.supporter_data = cls.member("organiser", "Supporter data")

    @classmethod
    def member(cls, username, group):
        user = cls.create_user(username, password="pw")
        user.groups.add(Group.objects.get(name=group))
        return user

    def add_url(self):
        return f"/admin/pages/add/stories/exonereestorypage/{self.index.pk}/"

    def assertRefused(self, urls):
        for url in urls:
            response = self.client.get(url)
            self.assertRedirects(response, "/admin/", fetch_redirect_response=False, msg_prefix=url)

    def assertAllowed(self, urls):
        for url in urls:
            self.assertEqual(self.client.get(url).status_code, 200, url)

    def in_review(self, **fields):
        """A draft story an editor has submitted for review."""
        story = ExonereeStoryPageFactory(parent=self.index, live=False, **fields)
        story.save_revision(user=self.editor)
        story.get_workflow().start(story, self.editor)
        return story

    # Editors

    def test_an_editor_drafts_a_story_and_submits_it_for_review(self):
        self.client.force_login(self.editor)

        response = self.client.post(self.add_url(), story_form(**{"action-submit": "submit"}))

        self.assertEqual(response.status_code, 302)
        story = ExonereeStoryPage.objects.get(slug="sam-rivera")
        self.assertFalse(story.live)
        self.assertTrue(story.workflow_in_progress)
        self.assertEqual(story.current_workflow_state.workflow.name, REVIEW_WORKFLOW)

    def test_an_editor_is_warned_at_submit_when_consent_and_legal_review_are_missing(self):
        self.client.force_login(self.editor)

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
        self.client.force_login(self.editor)

        response = self.client.post(
            f"/admin/pages/{story.pk}/edit/",
            story_form(slug=story.slug, legal_review_done="", **{"action-submit": "submit"}),
            follow=True,
        )

        self.assertContains(response, "“Legal review done” is not ticked (Case facts tab). Tick it")
        self.assertNotContains(response, "“Consent on file”")

    def test_an_editor_submitting_a_ready_story_gets_no_warning(self):
        self.client.force_login(self.editor)
        response = self.client.post(
            self.add_url(), story_form(**{"action-submit": "submit"}), follow=True
        )
        self.assertFalse([m for m in response.context["messages"] if m.level_tag == "warning"])

    def test_saving_a_draft_without_them_warns_of_nothing(self):
        self.client.force_login(self.editor)
        response = self.client.post(
            self.add_url(), story_form(consent_on_file="", legal_review_done=""), follow=True
        )
        self.assertNotContains(response, "can’t be published yet")

    def test_an_editor_is_not_offered_publish_and_cannot_force_it(self):
        story = ExonereeStoryPageFactory(parent=self.index, live=False)
        self.client.force_login(self.editor)

        edit = self.client.get(f"/admin/pages/{story.pk}/edit/")
        self.assertContains(edit, 'name="action-submit"')
        self.assertNotContains(edit, 'name="action-publish"')

        response = self.client.post(
            f"/admin/pages/{story.pk}/edit/",
            story_form(slug=story.slug, **{"action-publish": "action-publish"}),
        )
        self.assertEqual(response.status_code, 302)  # saved as a draft, nothing more
        story.refresh_from_db()
        self.assertFalse(story.live)
        self.assertFalse(PageLogEntry.objects.filter(page=story, action="wagtail.publish"))

    def test_an_editor_may_add_and_edit_under_the_home_page_only(self):
        story = ExonereeStoryPageFactory(parent=self.index)
        perms = story.permissions_for_user(self.editor)
        self.assertTrue(perms.can_edit())
        self.assertFalse(perms.can_publish())
        self.assertFalse(perms.can_unpublish())
        self.assertFalse(perms.can_lock())
        self.assertFalse(self.index.permissions_for_user(self.editor).can_delete())  # no bulk
        self.assertTrue(self.index.permissions_for_user(self.editor).can_add_subpage())
        root = Page.get_first_root_node()
        self.assertFalse(root.permissions_for_user(self.editor).can_add_subpage())

    def test_an_editor_cannot_see_supporter_data_settings_or_users(self):
        self.client.force_login(self.editor)
        self.assertRefused(
            [
                *SUPPORTER_DATA,
                f"/admin/forms/submissions/{self.signup.pk}/",
                *site_settings(self.site),
                *MODERATOR_TOOLS,
                *STAFF_ONLY,
            ]
        )
        self.assertAllowed(
            [
                "/admin/",
                "/admin/snippets/stories/contributingfactor/",
                "/admin/images/multiple/add/",
                "/admin/documents/multiple/add/",
            ]
        )

    # Moderators

    def test_a_moderator_publishes_a_story(self):
        self.client.force_login(self.moderator)

        response = self.client.post(
            self.add_url(), story_form(**{"action-publish": "action-publish"})
        )

        self.assertEqual(response.status_code, 302)
        self.assertTrue(ExonereeStoryPage.objects.get(slug="sam-rivera").live)

    def test_a_moderator_edits_settings_and_redirects_but_not_supporter_data(self):
        self.client.force_login(self.moderator)
        self.assertAllowed([*site_settings(self.site), *MODERATOR_TOOLS])
        self.assertRefused(
            [*SUPPORTER_DATA, f"/admin/forms/submissions/{self.signup.pk}/", *STAFF_ONLY]
        )

    # Supporter data

    def test_supporter_data_staff_see_signatures_but_cannot_edit_pages(self):
        story = ExonereeStoryPageFactory(parent=self.index)
        self.client.force_login(self.supporter_data)

        self.assertAllowed(SUPPORTER_DATA)
        self.assertRefused(
            [f"/admin/pages/{story.pk}/edit/", *site_settings(self.site), *STAFF_ONLY]
        )
        self.assertFalse(story.permissions_for_user(self.supporter_data).can_edit())

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
        self.client.force_login(self.moderator)

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
        self.client.force_login(self.moderator)

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
        self.client.force_login(self.moderator)
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
        self.client.force_login(self.moderator)

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


class MigrationTests(WagtailPageTestCase):
    def group_grants(self):
        return {
            group.name: (
                sorted(group.permissions.values_list("codename", flat=True)),
                sorted(
                    GroupPagePermission.objects.filter(group=group).values_list(
                        "page_id", "permission__codename"
                    )
                ),
                sorted(
                    GroupCollectionPermission.objects.filter(group=group).values_list(
                        "collection_id", "permission__codename"
                    )
                ),
            )
            for group in Group.objects.all()
        }

    def test_the_roles_are_granted_on_the_home_page(self):
        # The roles migration is not run again here: it names the site
        # settings' permissions in the home app, where they were before
        # core.0001 moved them (see the next test).
        home = HomePage.objects.get()
        before = self.group_grants()

        self.assertEqual(
            Group.objects.filter(name__in=["Editors", "Moderators", "Supporter data"]).count(), 3
        )
        self.assertEqual(
            {page for __, pages, __ in before.values() for page, __ in pages}, {home.pk}
        )
        self.assertEqual(before["Supporter data"][0], ["access_admin", "view_supporter_data"])

    def test_moderators_keep_the_site_settings_after_they_moved_to_core(self):
        # Granted by home's migrations, then carried over with the content types
        # by core.0001 when the settings moved apps.
        moderators = Group.objects.get(name="Moderators")
        self.assertEqual(
            sorted(
                moderators.permissions.filter(content_type__app_label="core").values_list(
                    "codename", flat=True
                )
            ),
            ["change_navigationsettings", "change_organisationsettings"],
        )
        self.assertFalse(
            Permission.objects.filter(
                content_type__app_label="home", codename__endswith="settings"
            ).exists()
        )

    def test_the_workflow_migration_assigns_existing_indexes_once(self):
        home = HomePage.objects.get()
        index = StoryIndexPageFactory(parent=home)
        actions = ActionIndexPageFactory(parent=home)

        workflow_migration.create_review_workflow(apps, None)
        workflow_migration.create_review_workflow(apps, None)

        workflow = Workflow.objects.get(name=REVIEW_WORKFLOW)
        self.assertEqual(workflow.tasks.count(), 1)
        self.assertEqual(GroupApprovalTask.objects.filter(name=REVIEW_TASK).count(), 1)
        self.assertEqual(
            set(workflow.workflow_pages.values_list("page_id", flat=True)),
            {index.pk, actions.pk},
        )


class DemoContentTests(WagtailPageTestCase):
    def load_demo_content(self):
        out = io.StringIO()
        call_command("load_demo_content", stdout=out)
        return out.getvalue()

    def test_the_demo_content_sends_stories_and_actions_through_review(self):
        output = self.load_demo_content()

        self.assertIn(f"Stories go through the “{REVIEW_WORKFLOW}” workflow.", output)
        for index in [StoryIndexPage.objects.get(), ActionIndexPage.objects.get()]:
            self.assertEqual(index.get_workflow().name, REVIEW_WORKFLOW)
        self.assertIn("nothing changed", self.load_demo_content())


def test_moderators_edit_the_organisation_settings_and_editors_do_not(db):
    def codenames(name):
        return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))

    assert "change_organisationsettings" in codenames("Moderators")
    assert "change_organisationsettings" not in codenames("Editors")
    assert "change_organisationsettings" not in codenames("Supporter data")
