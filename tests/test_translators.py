"""The Translators group and the Spanish page tree (issue 16): translators
translate Spanish pages and do nothing more; a Spanish story goes through
the same consent and legal review as an English one."""

from wagtail_localize.models import Translation
from wagtail_localize.operations import translate_object

from django.contrib.auth.models import Group

from wagtail.models import GroupPagePermission

from core.translators import TRANSLATORS
from core.workflow import REVIEW_WORKFLOW
from stories.models import ExonereeStoryPage
from tests.admin import StaffTestCase, sign_in
from tests.factories import ExonereeStoryPageFactory
from tests.locale_factories import spanish
from tests.test_roles import SUPPORTER_DATA


class TranslatorTests(StaffTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.story = ExonereeStoryPageFactory(parent=cls.index, consent_on_file=False)
        # As wagtail-localize's "Translate this page" does, parents first.
        translate_object(cls.home, [spanish()])
        translate_object(cls.index, [spanish()])
        translate_object(cls.story, [spanish()])
        cls.spanish_story = cls.story.get_translation(spanish())
        cls.spanish_home = cls.home.get_translation(spanish())
        cls.translator = cls.member("translator", TRANSLATORS)

    def test_a_translator_opens_the_translation_editor_of_a_spanish_page(self):
        sign_in(self.client, self.translator)
        response = self.client.get(f"/admin/pages/{self.spanish_story.pk}/edit/")
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "wagtail_localize/admin/edit_translation.html")
        self.assertTrue(Translation.objects.filter(target_locale=spanish()).exists())

    def test_a_translator_cannot_publish(self):
        perms = self.spanish_story.permissions_for_user(self.translator)
        self.assertTrue(perms.can_edit())
        self.assertFalse(perms.can_publish())
        self.assertFalse(perms.can_unpublish())

    def test_a_translator_cannot_edit_english_pages_or_see_supporter_data(self):
        self.assertFalse(self.story.permissions_for_user(self.translator).can_edit())
        sign_in(self.client, self.translator)
        self.assertRefused([*SUPPORTER_DATA, f"/admin/pages/{self.story.pk}/edit/"])
        self.assertRefused(["/admin/snippets/stories/contributingfactor/"])

    def test_translators_are_granted_on_the_spanish_home_only(self):
        grants = GroupPagePermission.objects.filter(group=Group.objects.get(name=TRANSLATORS))
        self.assertEqual(
            sorted(grants.values_list("page_id", "permission__codename")),
            [(self.spanish_home.pk, "add_page"), (self.spanish_home.pk, "change_page")],
        )

    def test_staff_keep_their_roles_in_the_spanish_tree(self):
        self.assertTrue(self.spanish_story.permissions_for_user(self.moderator).can_publish())
        self.assertFalse(self.spanish_story.permissions_for_user(self.editor).can_publish())

    def test_a_spanish_story_goes_through_the_review_workflow(self):
        self.assertEqual(self.spanish_story.get_workflow().name, REVIEW_WORKFLOW)

    def test_a_spanish_story_needs_the_consent_its_english_source_records(self):
        # Consent is synchronised: the Spanish story has none, like its source.
        story = ExonereeStoryPage.objects.get(pk=self.spanish_story.pk)
        self.assertFalse(story.consent_on_file)
        self.assertTrue(story.missing_for_publishing())
        sign_in(self.client, self.moderator)
        self.client.post(f"/admin/pages/{story.pk}/edit/", {"action": "publish"})
        story.refresh_from_db()
        self.assertFalse(story.live)
