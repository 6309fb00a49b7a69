"""What a sync of the demo keeps in Spanish beside the text: the inline
rows and links that wagtail-localize translates (tests/home/test_demo_content.py)."""

from actions.demo import CONTENT as ACTIONS
from actions.models import DonatePage
from home.models import HomePage
from stories.models import ThemePage


def assert_the_inline_parts_are_spanish():
    """The home page's lead story, quote and main button, the gift
    impacts and the themes' actions: rows and links, kept in Spanish."""
    home = HomePage.objects.get(locale__language_code="es")
    english_home = HomePage.objects.get(locale__language_code="en")
    featured = [link.story.specific for link in home.featured_stories.all()]
    english = [link.story for link in english_home.featured_stories.all()]
    assert [story.translation_key for story in featured] == [
        story.translation_key for story in english
    ]
    assert {story.locale.language_code for story in featured} == {"es"}
    quotes = [b.value["quote"] for b in featured[0].body if b.block_type == "quote"]
    assert home.hero_quote == quotes[0] != english_home.hero_quote
    assert home.hero_action_page.locale.language_code == "es"
    assert home.hero_action_page.translation_key == (english_home.hero_action_page.translation_key)
    donate = DonatePage.objects.get(locale__language_code="es")
    assert [impact.description for impact in donate.gift_impacts.all()] == [
        impact["es"]["description"] for impact in ACTIONS["gift_impacts"]
    ]
    themes = ThemePage.objects.filter(locale__language_code="es")
    assert themes.count() == len(ACTIONS["theme_actions"])
    for theme in themes:
        actions = [link.action for link in theme.related_actions.all()]
        assert actions, theme.title
        assert {action.locale.language_code for action in actions} == {"es"}, theme.title
