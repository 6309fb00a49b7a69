"""Stories and explainers lead to actions; actions lead back to stories; the
home page shows the latest actions."""

from actions.models import ActionPage, ActionSettings
from stories.models import StoryRelatedAction, ThemeRelatedAction
from tests.factories import (
    ContributingFactorFactory,
    DonatePageFactory,
    ExonereeStoryPageFactory,
    LetterPageFactory,
    PetitionPageFactory,
    SignatureFactory,
    StoryIndexPageFactory,
    ThemePageFactory,
)
from tests.queries import within_budget


def test_a_story_shows_its_chosen_actions_in_order_first_prominently(
    client, home, petition, counts_shown
):
    story = ExonereeStoryPageFactory(parent=StoryIndexPageFactory(parent=home))
    letter = LetterPageFactory(parent=petition.get_parent())
    StoryRelatedAction.objects.create(page=story, action=letter, sort_order=0)
    StoryRelatedAction.objects.create(page=story, action=petition, sort_order=1)
    SignatureFactory.create_batch(2, action=petition)
    html = client.get(story.url).content.decode()
    block = html.split('class="action-block"', 1)[1].split("</aside>", 1)[0]
    assert letter.title in block
    assert f'href="{letter.url}?from={story.pk}"' in block
    assert "More you can do" in html
    assert f'href="{petition.url}?from={story.pk}"' in html
    assert "<strong>2</strong> signed" in html


def test_without_a_choice_stories_and_themes_show_the_site_default(client, home, petition):
    story = ExonereeStoryPageFactory(parent=StoryIndexPageFactory(parent=home))
    theme = ThemePageFactory(parent=home)
    assert 'class="action-block"' not in client.get(story.url).content.decode()
    ActionSettings.objects.create(site=home.get_site(), default_action=petition)
    for page in (story, theme):
        html = client.get(page.url).content.decode()
        assert 'class="action-block"' in html
        assert f'href="{petition.url}?from={page.pk}"' in html
        assert "Sign the petition" in html


def test_an_unpublished_action_is_never_shown(client, home, petition):
    theme = ThemePageFactory(parent=home)
    ThemeRelatedAction.objects.create(page=theme, action=petition, sort_order=0)
    petition.unpublish()
    assert petition.title not in client.get(theme.url).content.decode()


def test_an_action_shows_stories_that_lead_to_it_then_share_a_factor_then_a_theme(
    client, home, petition
):
    eyewitness = ThemePageFactory(parent=home, title="The Eyewitness")
    evidence = ThemePageFactory(parent=home, title="The Evidence")
    lineups = ContributingFactorFactory(name="Mistaken identification", theme=eyewitness)
    memory = ContributingFactorFactory(name="Suggestive questioning", theme=eyewitness)
    bite_marks = ContributingFactorFactory(name="Bite marks", theme=evidence)
    index = StoryIndexPageFactory(parent=home)
    # Made oldest first: within each rank, the latest comes first.
    same_theme = ExonereeStoryPageFactory(parent=index, person_name="Same Theme", factors=[memory])
    leading = ExonereeStoryPageFactory(parent=index, person_name="Lead Story", factors=[bite_marks])
    same_factor = ExonereeStoryPageFactory(
        parent=index, person_name="Same Factor", factors=[lineups]
    )
    unrelated = ExonereeStoryPageFactory(
        parent=index, person_name="Unrelated", factors=[bite_marks]
    )
    StoryRelatedAction.objects.create(page=leading, action=petition, sort_order=0)
    petition.factors.set([lineups])
    petition.save()

    assert list(petition.get_related_stories()) == [leading, same_factor, same_theme]
    html = client.get(petition.url).text
    assert "Why this matters" in html
    assert "Same Factor" in html and unrelated.person_name not in html


def test_a_theme_chosen_for_an_action_brings_its_stories(home, petition):
    evidence = ThemePageFactory(parent=home, title="The Evidence")
    bite_marks = ContributingFactorFactory(name="Bite marks", theme=evidence)
    index = StoryIndexPageFactory(parent=home)
    story = ExonereeStoryPageFactory(parent=index, factors=[bite_marks])
    ExonereeStoryPageFactory(parent=index, factors=[ContributingFactorFactory()])
    petition.themes.set([evidence])
    petition.save()
    assert list(petition.get_related_stories()) == [story]


def test_an_action_about_nothing_shows_no_unrelated_stories(client, home, petition):
    index = StoryIndexPageFactory(parent=home)
    ExonereeStoryPageFactory(parent=index, person_name="Latest Story")
    assert list(petition.get_related_stories()) == []
    html = client.get(petition.url).text
    assert "Why this matters" not in html and "Latest Story" not in html


def test_related_stories_take_one_query_and_the_portraits(home, petition):
    factor = ContributingFactorFactory(theme=ThemePageFactory(parent=home))
    index = StoryIndexPageFactory(parent=home)
    for _ in range(5):
        ExonereeStoryPageFactory(parent=index, factors=[factor])
    petition.factors.set([factor])
    petition.save()
    with within_budget(3, "related stories"):
        assert len(list(petition.get_related_stories())) == 3


def test_the_home_page_shows_the_latest_actions_with_their_progress(
    client, home, petition, counts_shown
):
    DonatePageFactory(parent=petition.get_parent(), title="Fund DNA tests")
    SignatureFactory.create_batch(4, action=petition)
    html = client.get(home.url).content.decode()
    section = html.split('id="actions-title"', 1)[1]
    assert "Fund DNA tests" in section and petition.title in section
    assert "<strong>4</strong> signed" in section
    assert f'href="{petition.url}?from={home.pk}"' in section


def test_cards_carry_each_kind_and_count_in_one_query(petition):
    LetterPageFactory(parent=petition.get_parent())
    SignatureFactory.create_batch(3, action=petition)
    with within_budget(1, "action cards"):
        cards = list(ActionPage.objects.live().cards())
        kinds = {card.specific_class.kind_label: card.signature_count for card in cards}
        calls = [card.call for card in cards]
    assert kinds == {"Petition": 3, "Letter": None}
    assert "Sign the petition" in calls


def test_a_pledge_says_so(client, action_index):
    pledge = PetitionPageFactory(parent=action_index, kind="pledge")
    assert "Take the pledge" in client.get(pledge.url).content.decode()
