"""Stories and themes that lead to an action, in each language (issue 16): a
translated story keeps its source's choice of action, the English page, and
offers that action's translation in its own language. The action's “Why this
matters” lists the stories of its language that chose it in any language,
and a change to the action, or to any of its translations, forgets every page
that shows one of them."""

import pytest

from core.showing import urls_showing
from stories.models import StoryRelatedAction, ThemePage, ThemeRelatedAction
from tests.factories import (
    ActionIndexPageFactory,
    ExonereeStoryPageFactory,
    PetitionPageFactory,
)
from tests.locale_factories import translate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def translations_on(settings):
    settings.WAGTAIL_I18N_ENABLED = True


@pytest.fixture
def chosen(both_languages):
    """An English petition with no factor or theme, chosen by an English
    story and (as its translation keeps the choice) by that story's Spanish
    translation; the petition's Spanish translation."""
    english, __ = both_languages
    petition = PetitionPageFactory(
        parent=ActionIndexPageFactory(parent=english.get_site().root_page)
    )
    story = ExonereeStoryPageFactory(parent=english.get_parent(), factors=[])
    story.related_actions = [StoryRelatedAction(action=petition, sort_order=0)]
    story.save_revision().publish()
    historia = translate(story, title="Su historia")
    peticion = translate(petition, title="Libérenlos ya")
    assert [link.action_id for link in historia.related_actions.all()] == [petition.pk]
    return {"petition": petition, "peticion": peticion, "story": story, "historia": historia}


def related(action):
    return [story.pk for story in action.get_related_stories()]


def test_why_this_matters_lists_the_stories_of_its_language_that_chose_it_in_any(chosen):
    assert related(chosen["peticion"]) == [chosen["historia"].pk]
    assert related(chosen["petition"]) == [chosen["story"].pk]


def test_a_story_that_chose_the_spanish_page_leads_to_the_english_one_too(chosen, both_languages):
    english, __ = both_languages
    english.related_actions = [StoryRelatedAction(action=chosen["peticion"], sort_order=0)]
    english.save_revision().publish()

    assert set(related(chosen["petition"])) == {chosen["story"].pk, english.pk}
    assert english.get_full_url() in urls_showing(chosen["petition"])


@pytest.mark.parametrize("changed", ["petition", "peticion"])
def test_a_change_to_the_action_in_any_language_forgets_the_stories_that_chose_it(chosen, changed):
    urls = urls_showing(chosen[changed])
    assert chosen["historia"].get_full_url() in urls
    assert chosen["story"].get_full_url() in urls


def test_a_change_to_a_translated_story_forgets_the_action_it_leads_to_in_its_language(chosen):
    assert chosen["peticion"].get_full_url() in urls_showing(chosen["historia"])
    assert chosen["petition"].get_full_url() not in urls_showing(chosen["historia"])
    assert chosen["petition"].get_full_url() in urls_showing(chosen["story"])


def test_a_change_to_the_action_in_any_language_forgets_the_themes_that_chose_it(chosen):
    tema = ThemePage.objects.get(locale__language_code="es")
    ThemeRelatedAction.objects.create(page=tema, action=chosen["petition"], sort_order=0)

    assert tema.get_full_url() in urls_showing(chosen["peticion"])
