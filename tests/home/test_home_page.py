from django.contrib.auth import get_user_model

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data

from home.models import HomePage
from tests.admin import StaffClient, sign_in


class HomePageTests(WagtailPageTestCase):
    client_class = StaffClient

    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()  # made by the migration, as on a fresh site
        cls.editor = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")

    def setUp(self):
        sign_in(self.client, self.editor)

    def test_the_migration_makes_it_the_root_of_the_default_site(self):
        self.assertEqual(Site.objects.get(is_default_site=True).root_page.specific, self.home)

    def test_it_lives_only_at_the_root_and_only_once(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        # max_count=1: with the home page in place, no second one can be added.
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))

    def test_it_renders_routes_and_previews(self):
        self.assertPageIsRoutable(self.home)
        self.assertPageIsRenderable(self.home)
        self.assertPageIsEditable(
            self.home, nested_form_data({"title": "Home", "slug": "home", "intro": "Act now."})
        )
        self.assertPageIsPreviewable(self.home)

    def test_visitors_see_title_intro_and_the_site_layout(self):
        self.home.intro = "Every year, innocent people are convicted."
        self.home.save_revision().publish()
        self.client.logout()

        response = self.client.get("/")

        self.assertContains(response, "<h1", html=False)
        self.assertContains(response, "Every year, innocent people are convicted.")
        self.assertContains(response, '<main id="main-content"', html=False)
