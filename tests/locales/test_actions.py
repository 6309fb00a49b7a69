"""Actions in the visitor's language (issue 16): a Spanish page offers the
Spanish translation of the site's default action, else the default itself."""

import pytest

from actions.models import ActionPage, ActionSettings
from stories.models import StoryRelatedAction
from tests.factories import ActionIndexPageFactory, PetitionPageFactory
from tests.locale_factories import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def default_petition(home):
    petition = PetitionPageFactory(parent=ActionIndexPageFactory(parent=home))
    ActionSettings.objects.create(site=home.get_site(), default_action=petition)
    return petition


def offered(page, rf):
    return [action.pk for action in ActionPage.chosen_for(page, rf.get(page.url))]


def test_a_spanish_page_offers_the_default_actions_spanish_translation(
    both_languages, default_petition, rf
):
    english, spanish = both_languages
    peticion = translate(default_petition, title="Libérenlos ya")

    assert offered(spanish, rf) == [peticion.pk]
    assert offered(english, rf) == [default_petition.pk]


def test_until_it_is_translated_a_spanish_page_offers_the_default_itself(
    both_languages, default_petition, rf
):
    __, spanish = both_languages
    assert offered(spanish, rf) == [default_petition.pk]
    peticion = translate(default_petition, title="Libérenlos ya")
    peticion.unpublish()
    assert offered(spanish, rf) == [default_petition.pk]


def test_the_spanish_story_shows_the_spanish_petition(client, both_languages, default_petition):
    __, spanish = both_languages
    peticion = translate(default_petition, title="Libérenlos ya")
    html = client.get(spanish.url).content.decode()
    assert f'href="{peticion.url}?from={spanish.pk}"' in html
    assert f'href="{default_petition.url}?from=' not in html


def test_a_spanish_story_offers_the_spanish_translation_of_its_chosen_petition(
    both_languages, default_petition, rf
):
    """Staff chose a petition for the English story, which its Spanish copy
    keeps: the Spanish story offers that petition's Spanish translation, or
    the petition itself until it has a live one."""
    english, spanish = both_languages
    chosen = PetitionPageFactory(parent=default_petition.get_parent(), title="Review them")
    for story in (english, spanish):
        StoryRelatedAction.objects.create(page=story, action=chosen, sort_order=0)
    assert offered(spanish, rf) == [chosen.pk]

    peticion = translate(chosen, title="Revísenlas")
    assert offered(spanish, rf) == [peticion.pk]
    assert offered(english, rf) == [chosen.pk]
    peticion.unpublish()
    assert offered(spanish, rf) == [chosen.pk]


def test_a_spanish_action_card_reads_the_threshold_of_its_site(home, default_petition):
    """The Spanish home is the site's root in Spanish, a sibling of it: its
    actions belong to the same site and read the same settings."""
    ActionSettings.objects.filter(site=home.get_site()).update(social_proof_threshold=7)
    peticion = translate(default_petition, title="Libérenlos ya")

    cards = {action.pk: action for action in ActionPage.objects.cards()}

    assert cards[peticion.pk].social_proof_threshold == 7
    assert cards[default_petition.pk].social_proof_threshold == 7


def preview_of(page, *actions):
    """`page` as the editor previews it, with `actions` chosen but not saved
    (modelcluster holds them in memory)."""
    page.related_actions = [
        StoryRelatedAction(action=action, sort_order=n) for n, action in enumerate(actions)
    ]
    return page


@pytest.mark.parametrize("saved", [True, False], ids=["published", "preview"])
def test_a_spanish_story_offers_the_same_translated_actions_in_its_preview(
    both_languages, default_petition, rf, saved
):
    """What the preview shows is what publishing would: each chosen action
    in the story's language where it has a live translation, in the order
    chosen, the others as they are; none chosen live, the default."""
    __, spanish = both_languages
    index = default_petition.get_parent()
    first = PetitionPageFactory(parent=index, title="Review them")
    second = PetitionPageFactory(parent=index, title="Free them")
    unpublished = PetitionPageFactory(parent=index, title="Not yet", live=False)
    segunda = translate(second, title="Libérenlos")
    preview_of(spanish, second, first)
    if saved:
        spanish.save()

    assert offered(spanish, rf) == [segunda.pk, first.pk]

    preview_of(spanish, unpublished)
    if saved:
        spanish.save()
    assert offered(spanish, rf) == [default_petition.pk]

    preview_of(spanish)
    if saved:
        spanish.save()
    assert offered(spanish, rf) == [default_petition.pk]
