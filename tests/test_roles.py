"""Staff roles: what each group may and may not do.

The users here get nothing but their group, so these tests check the groups
exactly as the migrations leave them on a new site.
"""

import importlib
import io

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageLogEntry,
    Workflow,
)
from wagtail.test.utils import WagtailPageTestCase

from actions.models import ActionIndexPage
from core.workflow import REVIEW_TASK, REVIEW_WORKFLOW
from home.models import HomePage
from stories.models import ExonereeStoryPage, StoryIndexPage
from tests.admin import StaffTestCase, sign_in, story_form
from tests.factories import (
    ActionIndexPageFactory,
    ExonereeStoryPageFactory,
    SignatureFactory,
    SignUpPageFactory,
    StoryIndexPageFactory,
)

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


class RoleTests(StaffTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.signup = SignUpPageFactory(parent=ActionIndexPageFactory(parent=cls.home))
        SignatureFactory()

    # Editors

    def test_an_editor_drafts_a_story_and_submits_it_for_review(self):
        sign_in(self.client, self.editor)

        response = self.client.post(self.add_url(), story_form(**{"action-submit": "submit"}))

        self.assertEqual(response.status_code, 302)
        story = ExonereeStoryPage.objects.get(slug="sam-rivera")
        self.assertFalse(story.live)
        self.assertTrue(story.workflow_in_progress)
        self.assertEqual(story.current_workflow_state.workflow.name, REVIEW_WORKFLOW)

    def test_an_editor_is_not_offered_publish_and_cannot_force_it(self):
        story = ExonereeStoryPageFactory(parent=self.index, live=False)
        sign_in(self.client, self.editor)

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
        sign_in(self.client, self.editor)
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
        sign_in(self.client, self.moderator)

        response = self.client.post(
            self.add_url(), story_form(**{"action-publish": "action-publish"})
        )

        self.assertEqual(response.status_code, 302)
        self.assertTrue(ExonereeStoryPage.objects.get(slug="sam-rivera").live)

    def test_a_moderator_edits_settings_and_redirects_but_not_supporter_data(self):
        sign_in(self.client, self.moderator)
        self.assertAllowed([*site_settings(self.site), *MODERATOR_TOOLS])
        self.assertRefused(
            [*SUPPORTER_DATA, f"/admin/forms/submissions/{self.signup.pk}/", *STAFF_ONLY]
        )

    # Supporter data

    def test_supporter_data_staff_see_signatures_but_cannot_edit_pages(self):
        story = ExonereeStoryPageFactory(parent=self.index)
        sign_in(self.client, self.supporter_data)

        self.assertAllowed(SUPPORTER_DATA)
        self.assertRefused(
            [f"/admin/pages/{story.pk}/edit/", *site_settings(self.site), *STAFF_ONLY]
        )
        self.assertFalse(story.permissions_for_user(self.supporter_data).can_edit())


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
        home = HomePage.objects.get(locale__language_code="en")
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
        home = HomePage.objects.get(locale__language_code="en")
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
        for index in [
            StoryIndexPage.objects.get(locale__language_code="en"),
            ActionIndexPage.objects.get(locale__language_code="en"),
        ]:
            self.assertEqual(index.get_workflow().name, REVIEW_WORKFLOW)
        self.assertIn("nothing changed", self.load_demo_content())


def test_moderators_edit_the_organisation_settings_and_editors_do_not(db):
    def codenames(name):
        return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))

    assert "change_organisationsettings" in codenames("Moderators")
    assert "change_organisationsettings" not in codenames("Editors")
    assert "change_organisationsettings" not in codenames("Supporter data")
