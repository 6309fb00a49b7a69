"""Pages in a real browser (Debian's chromium), checked with axe-core."""

import pytest

from home.models import HomePage
from tests.e2e.axe import assert_accessible
from tests.factories import ContributingFactorFactory, ThemePageFactory, stories_to_filter

pytestmark = [
    pytest.mark.browser,
    # live_server flushes the database after each test; serialized rollback
    # restores the home page and site that migrations made.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_home_page_has_no_axe_violations(page, live_server):
    response = page.goto(live_server.url + "/")

    assert response.status == 200
    assert page.locator("h1").is_visible()
    assert_accessible(page)


def test_theme_page_has_no_axe_violations(page, live_server):
    theme = ThemePageFactory(parent=HomePage.objects.get(), title="The Eyewitness")
    ContributingFactorFactory(name="Suggestive line-up", theme=theme)

    page.goto(live_server.url + theme.url)

    assert page.get_by_role("heading", name="The factors behind it").is_visible()
    assert_accessible(page)


@pytest.fixture
def story(live_server):
    return stories_to_filter(
        HomePage.objects.get(), content_note="This story describes a violent assault."
    )


@pytest.mark.parametrize(
    "path",
    ["story", "/stories/?theme=the-eyewitness&state=TX", "/search/?q=Rivera", "/the-eyewitness/"],
)
def test_story_pages_have_no_axe_violations(page, live_server, story, path):
    url = story.url if path == "story" else path
    response = page.goto(live_server.url + url)

    assert response.status == 200
    assert page.get_by_text("Sam Rivera").first.is_visible()
    assert_accessible(page)


def test_404_page_has_no_axe_violations(page, live_server):
    response = page.goto(live_server.url + "/no-such-page/")

    assert response.status == 404
    assert_accessible(page)


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, live_server):
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    assert skip_link.evaluate("element => element === document.activeElement")
    assert skip_link.is_visible()

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
