"""The design holds on a 320 px phone and in dark mode, and prints a story cleanly."""

import pytest

from home.models import HomePage
from stories.models import StoryRelatedAction
from tests.e2e.axe import assert_accessible
from tests.factories import (
    ActionIndexPageFactory,
    ContributingFactorFactory,
    ExonereeStoryPageFactory,
    PetitionPageFactory,
    SignatureFactory,
    StoryIndexPageFactory,
    ThemePageFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site_pages(live_server):
    home = HomePage.objects.get()
    themes = [
        ThemePageFactory(parent=home, title=title, slug=slug, look=look, show_in_menus=True)
        for title, slug, look in (
            ("The Evidence", "the-evidence", "blue"),
            ("The Eyewitness", "the-eyewitness", "amber"),
            ("The Prosecution", "the-prosecution", "red"),
        )
    ]
    factor = ContributingFactorFactory(name="Suggestive line-up", theme=themes[1])
    index = StoryIndexPageFactory(parent=home, show_in_menus=True)
    story = ExonereeStoryPageFactory(
        parent=index,
        person_name="Sam Rivera",
        factors=[factor],
        content_note="This story describes a violent assault.",
    )
    petition = PetitionPageFactory(parent=ActionIndexPageFactory(parent=home, show_in_menus=True))
    SignatureFactory.create_batch(3, action=petition)
    StoryRelatedAction.objects.create(page=story, action=petition, sort_order=0)
    return {
        "home": "/",
        "index": f"{index.url}?theme=the-eyewitness",
        "story": story.url,
        "theme": themes[1].url,
        "petition": petition.url,
    }


@pytest.mark.parametrize("name", ["home", "index", "story", "theme", "petition"])
def test_nothing_spills_sideways_on_a_320_pixel_screen(page, live_server, site_pages, name):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + site_pages[name])
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320, f"{name} is {scroll_width} px wide at 320 px"


@pytest.mark.parametrize("name", ["home", "story", "theme", "petition"])
def test_dark_mode_keeps_every_contrast(page, live_server, site_pages, name):
    page.emulate_media(color_scheme="dark")
    page.goto(live_server.url + site_pages[name])
    background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    assert background == "rgb(22, 22, 24)"
    assert_accessible(page)


def test_a_story_prints_without_the_site_around_it(page, live_server, site_pages):
    page.goto(live_server.url + site_pages["story"])
    page.emulate_media(media="print")
    for selector in (".site-header", ".site-footer", ".action-block", ".breadcrumbs"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.get_by_role("heading", level=1).is_visible()


def test_each_theme_has_its_own_colour(page, live_server, site_pages):
    colours = set()
    for slug in ("the-evidence", "the-eyewitness", "the-prosecution"):
        page.goto(f"{live_server.url}/{slug}/")
        colours.add(page.locator(".theme__kicker").evaluate("e => getComputedStyle(e).color"))
    assert len(colours) == 3
