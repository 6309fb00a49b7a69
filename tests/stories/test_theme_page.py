from django.contrib.auth import get_user_model

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.models import HomePage
from stories.models import StoryIndexPage, ThemePage
from tests.admin import StaffClient, create_as_editor, editor, sign_in
from tests.factories import ContributingFactorFactory, ThemePageFactory


class ThemePageTests(WagtailPageTestCase):
    client_class = StaffClient

    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()
        cls.theme = ThemePageFactory(parent=cls.home, title="The Eyewitness", slug="the-eyewitness")
        ContributingFactorFactory(name="Suggestive line-up", theme=cls.theme)
        ContributingFactorFactory(name="Sleeping defense lawyer")  # mapped to no theme

    def setUp(self):
        sign_in(self.client, editor(get_user_model()))

    def test_it_lives_under_the_home_page_and_has_no_children(self):
        self.assertAllowedParentPageTypes(ThemePage, {HomePage})
        self.assertAllowedSubpageTypes(ThemePage, set())

    def test_staff_create_the_story_index_through_the_admin_form(self):
        create_as_editor(
            self,
            self.home,
            StoryIndexPage,
            nested_form_data({"title": "Stories", "slug": "stories", "intro": "Their stories."}),
        )
        self.assertFalse(StoryIndexPage.can_create_at(self.home))  # only one index

    def test_staff_create_one_through_the_admin_form(self):
        create_as_editor(
            self,
            self.home,
            ThemePage,
            nested_form_data(
                {
                    "title": "The Prosecution",
                    "slug": "the-prosecution",
                    "intro": "Tunnel vision.",
                    "look": "red",
                    "related_actions": inline_formset([]),
                    "body": streamfield(
                        [
                            (
                                "statistic",
                                {"figure": "00%", "label": "sample", "source_title": "Sample"},
                            ),
                            (
                                "steps",
                                {
                                    "heading": "How it goes wrong",
                                    "steps": streamfield([("item", "A"), ("item", "B")]),
                                },
                            ),
                        ]
                    ),
                }
            ),
        )

    def test_the_intro_is_required_to_publish(self):
        sign_in(self.client, self.create_superuser("admin"))  # who may publish
        response = self.client.post(
            f"/admin/pages/add/stories/themepage/{self.home.pk}/",
            nested_form_data(
                {
                    "title": "The Evidence",
                    "slug": "the-evidence",
                    "intro": "",
                    "body": streamfield([]),
                    "action-publish": "action-publish",
                }
            ),
        )

        self.assertEqual(response.status_code, 200)
        self.assertFalse(ThemePage.objects.filter(slug="the-evidence").exists())

    def test_it_renders_routes_and_previews(self):
        self.assertPageIsRoutable(self.theme)
        self.assertPageIsRenderable(self.theme)
        self.assertPageIsPreviewable(
            self.theme,
            post_data=nested_form_data(
                {
                    "title": "The Eyewitness",
                    "slug": "the-eyewitness",
                    "intro": "x",
                    "look": "amber",
                    "body": streamfield([]),
                    "related_actions": inline_formset([]),
                }
            ),
        )

    def test_visitors_see_the_factors_mapped_to_the_theme_and_no_others(self):
        self.client.logout()

        response = self.client.get(self.theme.url)

        self.assertContains(response, "<h1>The Eyewitness</h1>", html=True)
        self.assertContains(response, "Suggestive line-up")
        self.assertNotContains(response, "Sleeping defense lawyer")
