"""The story verbs (StoryQuerySet) and the theme and factor counts: what each
selects, and that each costs a fixed number of queries however many stories."""

import pytest
import wagtail_factories

from wagtail.models import Locale, PageViewRestriction

from home.models import HomePage
from stories.models import ContributingFactor, ExonereeStoryPage, StoryRelatedAction, ThemePage
from tests.factories import (
    ActionIndexPageFactory,
    ContributingFactorFactory,
    ExonereeStoryPageFactory,
    PetitionPageFactory,
    StoryIndexPageFactory,
    ThemePageFactory,
)
from tests.queries import within_budget

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return HomePage.objects.get()


@pytest.fixture
def index(home):
    return StoryIndexPageFactory(parent=home)


@pytest.fixture
def themes(home):
    return [ThemePageFactory(parent=home, slug=slug) for slug in ("the-evidence", "the-eyewitness")]


@pytest.fixture
def factors(themes):
    """Two factors under the first theme, one under the second."""
    return [
        ContributingFactorFactory(slug="bad-science", theme=themes[0]),
        ContributingFactorFactory(slug="lost-evidence", theme=themes[0]),
        ContributingFactorFactory(slug="mistaken-witness", theme=themes[1]),
    ]


def names(stories):
    return sorted(story.person_name for story in stories)


def queries_for(work, budget=2):
    """How many queries `work` runs; it fails past `budget`."""
    with within_budget(budget, "the verb") as queries:
        work()
    return len(queries)


def test_published_means_live_and_outside_every_private_section(index, home):
    ExonereeStoryPageFactory(parent=index, person_name="Ada")
    ExonereeStoryPageFactory(parent=index, person_name="Draft", live=False)
    private = StoryIndexPageFactory(parent=home, slug="private")
    ExonereeStoryPageFactory(parent=private, person_name="Hidden")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert names(ExonereeStoryPage.objects.published()) == ["Ada"]
    # The restrictions are read inside the query: no query of their own.
    assert queries_for(lambda: list(ExonereeStoryPage.objects.published()), budget=1)


def test_a_theme_or_a_factor_by_page_pk_or_slug_selects_each_story_once(index, themes, factors):
    ExonereeStoryPageFactory(parent=index, person_name="Both", factors=factors[:2])
    ExonereeStoryPageFactory(parent=index, person_name="Eyes", factors=factors[2:])
    stories = ExonereeStoryPage.objects.published()
    for theme in (themes[0], themes[0].pk, "the-evidence"):
        assert names(stories.for_theme(theme)) == ["Both"]  # no duplicate for two factors
    for factor in (factors[2], factors[2].pk, "mistaken-witness"):
        assert names(stories.with_factor(factor)) == ["Eyes"]
    assert names(stories.for_theme(themes[1]).with_factor(factors[0])) == []


def test_in_locale_takes_a_locale_or_its_language_code(index):
    ExonereeStoryPageFactory(parent=index, person_name="Ada")
    english = Locale.get_default()
    stories = ExonereeStoryPage.objects.published()
    assert names(stories.in_locale(english)) == ["Ada"]
    assert names(stories.in_locale(english.language_code)) == ["Ada"]
    assert names(stories.in_locale("fr")) == []


def test_newest_first_puts_the_latest_publication_first(index):
    first = ExonereeStoryPageFactory(parent=index, person_name="First")
    second = ExonereeStoryPageFactory(parent=index, person_name="Second")
    ExonereeStoryPage.objects.filter(pk=first.pk).update(first_published_at="2020-01-01T00:00Z")
    ExonereeStoryPage.objects.filter(pk=second.pk).update(first_published_at="2024-01-01T00:00Z")
    newest = ExonereeStoryPage.objects.published().newest_first()
    assert [story.person_name for story in newest] == ["Second", "First"]


def test_totals_count_stories_and_years_lost_in_one_query(index):
    ExonereeStoryPageFactory(parent=index, conviction_year=1990, exoneration_year=2000)
    ExonereeStoryPageFactory(parent=index, conviction_year=1995, exoneration_year=1998)
    with within_budget(1, "totals"):
        assert ExonereeStoryPage.objects.published().totals() == (2, 13)
    assert ExonereeStoryPage.objects.none().totals() == (0, 0)


@pytest.mark.parametrize("verb", ["cards", "with_factors"])
def test_cards_and_factors_cost_the_same_few_queries_for_1_or_20_stories(index, factors, verb):
    portrait = wagtail_factories.ImageFactory()

    def read():
        for story in getattr(ExonereeStoryPage.objects.published(), verb)():
            if verb == "cards":
                list(story.portrait.renditions.all())
            else:
                [factor.theme for factor in story.factors.all()]

    def add(n):
        for __ in range(n):
            ExonereeStoryPageFactory(
                parent=index, portrait=portrait, portrait_alt="A portrait", factors=factors[:2]
            )

    add(1)
    one = queries_for(read)
    add(19)
    twenty = queries_for(read)
    assert one == twenty


def test_an_actions_stories_lead_to_it_then_share_a_factor_then_a_theme(
    home, index, themes, factors
):
    petition = PetitionPageFactory(parent=ActionIndexPageFactory(parent=home))
    petition.factors.set(factors[:1])
    petition.save()
    theme_only = ExonereeStoryPageFactory(parent=index, person_name="Theme", factors=factors[1:2])
    same_factor = ExonereeStoryPageFactory(parent=index, person_name="Factor", factors=factors[:1])
    leading = ExonereeStoryPageFactory(parent=index, person_name="Leads", factors=factors[2:])
    ExonereeStoryPageFactory(parent=index, person_name="Unrelated", factors=factors[2:])
    StoryRelatedAction.objects.create(page=leading, action=petition, sort_order=0)
    stories = ExonereeStoryPage.objects.published().for_action(petition)
    assert list(stories) == [leading, same_factor, theme_only]
    queries_for(lambda: list(stories.cards()))


def test_related_to_never_offers_the_story_itself_or_unrelated_ones(index, factors):
    story = ExonereeStoryPageFactory(parent=index, person_name="Ada", factors=factors[:1])
    sharing = ExonereeStoryPageFactory(parent=index, person_name="Bo", factors=factors[:1])
    ExonereeStoryPageFactory(parent=index, person_name="Cy", factors=factors[2:])
    assert list(ExonereeStoryPage.objects.published().related_to(story)) == [sharing]


def test_themes_and_factors_count_published_and_filtered_stories_in_one_query(
    index, themes, factors
):
    ExonereeStoryPageFactory(parent=index, factors=factors[:2], dna_based=True)
    ExonereeStoryPageFactory(parent=index, factors=factors[1:])
    ExonereeStoryPageFactory(parent=index, factors=factors, live=False)
    everything = ExonereeStoryPage.objects.published()
    dna = everything.filter(dna_based=True)
    with within_budget(1, "theme counts"):
        counted = ThemePage.objects.live().with_story_counts(everything, dna).by_slug()
    assert {slug: (t.total, t.n) for slug, t in counted.items()} == {
        "the-evidence": (2, 1),
        "the-eyewitness": (1, 0),
    }
    counted = ContributingFactor.objects.with_story_counts(everything).by_slug()
    assert {slug: counted[slug].total for slug in counted} == {
        "bad-science": 1,
        "lost-evidence": 2,
        "mistaken-witness": 1,
        # The Registry's factors, seeded by a migration, file no story here.
        **{slug: 0 for slug in counted if slug not in {f.slug for f in factors}},
    }
