"""The design holds on a 320 px phone and in dark mode, and prints a story cleanly."""

import pytest
from playwright.sync_api import expect

from actions.models import ActionSettings
from core.models import NavigationSettings
from home.models import FeaturedStory, HomePage
from stories.models import StoryRelatedAction
from tests.e2e.axe import assert_accessible
from tests.e2e.shared_site import built_for_the_module
from tests.factories import (
    ActionIndexPageFactory,
    ContributingFactorFactory,
    DonatePageFactory,
    ExonereeStoryPageFactory,
    PetitionPageFactory,
    SignatureFactory,
    StoryIndexPageFactory,
    ThemePageFactory,
)

pytestmark = [
    pytest.mark.browser,
    # The tests only look: the site is built once (tests/e2e/conftest.py).
    pytest.mark.django_db,
]


@pytest.fixture(scope="module")
def site_pages(server, django_db_blocker):
    with built_for_the_module(django_db_blocker):
        yield build_site()


def build_site():
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
    others = [
        ExonereeStoryPageFactory(parent=index, person_name=name, factors=[factor])
        for name in ("Amara Quist", "Jerome Talwyn")
    ]
    actions = ActionIndexPageFactory(parent=home, show_in_menus=True)
    petition = PetitionPageFactory(parent=actions)
    SignatureFactory.create_batch(3, action=petition)
    StoryRelatedAction.objects.create(page=story, action=petition, sort_order=0)
    # Counts from the first signature: the hero shows the petition's live count.
    ActionSettings.objects.create(site=home.get_site(), social_proof_threshold=0)
    navigation = NavigationSettings.for_site(home.get_site())
    navigation.button_page = DonatePageFactory(parent=actions)
    navigation.button_label = "Donate"
    navigation.save()
    home.featured_stories = [FeaturedStory(story=s) for s in (story, *others)]
    home.hero_quote = "Nobody checked the register."
    home.hero_action_page = petition
    home.save_revision().publish()
    return {
        "home": "/",
        "actions": actions.url,
        "missing": "/no-such-page/",
        "index": f"{index.url}?theme=the-eyewitness",
        "story": story.url,
        "theme": themes[1].url,
        "petition": petition.url,
    }


@pytest.mark.parametrize(
    "name", ["home", "index", "story", "theme", "petition", "actions", "missing"]
)
def test_nothing_spills_sideways_on_a_320_pixel_screen(page, server, site_pages, name):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(server.url + site_pages[name])
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320, f"{name} is {scroll_width} px wide at 320 px"


@pytest.mark.parametrize("name", ["home", "story", "theme", "petition", "actions", "missing"])
def test_dark_mode_keeps_every_contrast(page, server, site_pages, name):
    page.emulate_media(color_scheme="dark")
    page.goto(server.url + site_pages[name])
    background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    assert background == "rgb(22, 22, 24)"
    assert_accessible(page)


def test_a_story_prints_without_the_site_around_it(page, server, site_pages):
    page.goto(server.url + site_pages["story"])
    page.emulate_media(media="print")
    for selector in (".site-header", ".site-footer", ".action-block", ".breadcrumbs"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.get_by_role("heading", level=1).is_visible()


def test_each_theme_has_its_own_colour(page, server, site_pages):
    colours = set()
    for slug in ("the-evidence", "the-eyewitness", "the-prosecution"):
        page.goto(f"{server.url}/{slug}/")
        colours.add(page.locator(".theme__kicker").evaluate("e => getComputedStyle(e).color"))
    assert len(colours) == 3


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_phone_gets_a_compact_header_whose_menu_opens_without_javascript(
    browser, server, site_pages, javascript
):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(server.url + site_pages["home"])
    header = page.locator(".site-header")
    assert header.bounding_box()["height"] <= 64

    menu = page.get_by_role("navigation", name="Main")
    assert not menu.is_visible()
    toggle = page.locator(".site-menu__toggle")
    box = toggle.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44
    toggle.click()
    expect(menu.get_by_role("link", name="Take action")).to_be_visible()
    assert header.bounding_box()["height"] <= 64  # the menu opens over the page

    donate = page.locator(".site-header").get_by_role("link", name="Donate")
    expect(donate).to_be_visible()
    assert "button" in donate.get_attribute("class")
    box = donate.bounding_box()
    assert box["height"] >= 44
    context.close()


def test_a_desktop_shows_the_links_in_a_row_without_a_menu_button(page, server, site_pages):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(server.url + site_pages["home"])
    expect(page.locator(".site-menu__toggle")).to_be_hidden()
    links = page.get_by_role("navigation", name="Main").get_by_role("link")
    tops = {round(links.nth(n).bounding_box()["y"]) for n in range(links.count())}
    assert len(tops) == 1, "the header links wrap"
    donate = page.locator(".site-header").get_by_role("link", name="Donate")
    colour = donate.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == "rgb(156, 43, 30)"  # --accent: the action colour


def test_cards_sit_in_a_grid_on_a_wide_screen(page, server, site_pages):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(server.url + site_pages["home"])
    for grid in (".story-cards", ".theme-cards"):
        columns = page.locator(grid).evaluate(
            "e => getComputedStyle(e).gridTemplateColumns.split(' ').length"
        )
        assert columns >= 2, grid
    cards = page.locator(".theme-card")
    assert cards.nth(0).bounding_box()["y"] == cards.nth(1).bounding_box()["y"]
    # Every portrait is 4:5, a photograph or a monogram alike.
    for frame in page.locator(".story-card .portrait").all():
        box = frame.bounding_box()
        assert abs(box["width"] / box["height"] - 0.8) < 0.02


def test_a_whole_card_follows_its_link(page, server, site_pages):
    page.goto(server.url + site_pages["home"])
    card = page.locator(".story-card").first
    card.scroll_into_view_if_needed()
    box = card.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 8, box["y"] + box["height"] - 8)
    page.wait_for_url("**/stories/**")


def test_the_hero_leads_with_a_person_and_the_live_petition(page, server, site_pages):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server.url + site_pages["home"])
    hero = page.locator(".hero")
    expect(hero.locator(".hero__person")).to_contain_text("Sam Rivera")
    expect(hero.locator("progress")).to_have_attribute("value", "3")
    button = hero.locator(".hero__button .button")
    assert button.bounding_box()["y"] + button.bounding_box()["height"] <= 844
