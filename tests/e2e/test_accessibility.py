"""Pages in a real browser (Debian's chromium), checked with axe-core."""

import pytest

from home.models import HomePage
from stories.models import ThemePage
from tests.e2e.axe import assert_accessible
from tests.e2e.shared_site import built_for_the_module
from tests.factories import stories_to_filter
from tests.locale_factories import translate

pytestmark = [
    pytest.mark.browser,
    # The tests only look: the pages are built once (tests/e2e/conftest.py).
    pytest.mark.django_db,
]


@pytest.fixture(scope="module")
def site(server, django_db_blocker):
    """The Eyewitness theme with its "Suggestive line-up" factor, and the
    story index with Sam Rivera's story (with a content note) and another;
    and in Spanish (issue 16) the home, the index, the theme and Sam's story."""
    with built_for_the_module(django_db_blocker):
        story = stories_to_filter(
            HomePage.objects.get(), content_note="This story describes a violent assault."
        )
        theme = ThemePage.objects.get(slug="the-eyewitness")
        spanish_story = translate(
            story,
            title="La historia de Sam Rivera",
            content_note="Esta historia describe una agresión violenta.",
        )
        yield {
            "story": story,
            "theme": theme,
            "es": {
                "home": "/es/",
                "story": spanish_story.url,
                "story index": spanish_story.get_parent().url,
                "theme": translate(theme, title="El testigo").url,
            },
        }


def test_home_page_has_no_axe_violations(page, server, site):
    response = page.goto(server.url + "/")

    assert response.status == 200
    assert page.locator("h1").is_visible()
    assert_accessible(page)


def test_theme_page_has_no_axe_violations(page, server, site):
    page.goto(server.url + site["theme"].url)

    assert page.get_by_role("heading", name="The factors behind it").is_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    ["story", "/stories/?theme=the-eyewitness&state=TX", "/search/?q=Rivera", "/the-eyewitness/"],
)
def test_story_pages_have_no_axe_violations(page, server, site, path):
    url = site["story"].url if path == "story" else path
    response = page.goto(server.url + url)

    assert response.status == 200
    assert page.get_by_text("Sam Rivera").first.is_visible()
    assert_accessible(page)


@pytest.mark.parametrize("name", ["home", "story", "story index", "theme"])
def test_spanish_pages_have_no_axe_violations(page, server, site, name):
    response = page.goto(server.url + site["es"][name])

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("h1").is_visible()
    assert_accessible(page)


def test_404_page_has_no_axe_violations(page, server, site):
    response = page.goto(server.url + "/no-such-page/")

    assert response.status == 404
    assert_accessible(page)


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, server, site):
    page.goto(server.url + "/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    assert skip_link.evaluate("element => element === document.activeElement")
    assert skip_link.is_visible()

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
