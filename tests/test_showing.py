"""core.showing: which addresses show a page, as each page type declares it,
in a fixed number of queries however many pages show it."""

import pytest

from wagtail.models import Page

from core.showing import urls_showing
from home.models import HomePage
from stories.models import RelatedStory, StoryRelatedAction, ThemeRelatedAction
from tests.factories import (
    ActionIndexPageFactory,
    ContributingFactorFactory,
    ExonereeStoryPageFactory,
    LetterPageFactory,
    PetitionPageFactory,
    StoryIndexPageFactory,
    ThemePageFactory,
)
from tests.queries import within_budget

pytestmark = pytest.mark.django_db

BUDGET = 8


@pytest.fixture
def site():
    """Two themes, each with a factor, a story under each, and three actions:
    one about the first theme's factor, one about the second, and a letter the
    first story leads to."""
    home = HomePage.objects.get()
    index = StoryIndexPageFactory(parent=home)
    evidence = ThemePageFactory(parent=home, slug="the-evidence")
    eyewitness = ThemePageFactory(parent=home, slug="the-eyewitness")
    science = ContributingFactorFactory(theme=evidence)
    witness = ContributingFactorFactory(theme=eyewitness)
    story = ExonereeStoryPageFactory(parent=index, factors=[science])
    other = ExonereeStoryPageFactory(parent=index, factors=[witness])
    actions = ActionIndexPageFactory(parent=home)
    about_science = PetitionPageFactory(parent=actions)
    about_science.factors.set([science])
    about_science.save()
    about_witness = PetitionPageFactory(parent=actions)
    about_witness.factors.set([witness])
    about_witness.save()
    letter = LetterPageFactory(parent=actions)
    StoryRelatedAction.objects.create(page=story, action=letter, sort_order=0)
    return {
        "home": home,
        "index": index,
        "evidence": evidence,
        "eyewitness": eyewitness,
        "science": science,
        "story": story,
        "other": other,
        "actions": actions,
        "about_science": about_science,
        "about_witness": about_witness,
        "letter": letter,
    }


def url(page):
    return page.get_full_url()


def root():
    return HomePage.objects.get().get_site().root_url


def test_a_story_is_shown_by_its_index_theme_home_and_actions_and_the_lists(site):
    urls = urls_showing(site["story"])
    for name in ("story", "index", "evidence", "home", "about_science", "letter"):
        assert url(site[name]) in urls, name
    for path in ("/stories/feed/", "/stories.csv", "/stories.json", "/sitemap.xml", "/search/"):
        assert root() + path in urls
    for name in ("eyewitness", "other", "about_witness", "actions"):
        assert url(site[name]) not in urls, name


def test_a_plain_page_gets_the_same_answer_as_its_specific_page(site):
    plain = Page.objects.get(pk=site["story"].pk)
    assert urls_showing(plain) == urls_showing(site["story"])


def test_stories_show_the_stories_they_chose_or_that_share_a_factor(site):
    chooser = ExonereeStoryPageFactory(parent=site["index"], factors=[])
    RelatedStory.objects.create(page=chooser, story=site["other"], sort_order=0)
    sharing = ExonereeStoryPageFactory(parent=site["index"], factors=[site["science"]])
    assert url(chooser) in urls_showing(site["other"])
    assert url(chooser) not in urls_showing(site["story"])
    assert url(sharing) in urls_showing(site["story"])


def test_a_theme_is_shown_by_its_stories_the_index_and_home_and_the_open_data(site):
    urls = urls_showing(site["evidence"])
    for name in ("evidence", "story", "index", "home"):
        assert url(site[name]) in urls, name
    assert root() + "/stories.csv" in urls
    assert root() + "/stories/feed/" not in urls
    assert url(site["other"]) not in urls


def test_an_action_is_shown_by_its_index_home_and_the_pages_that_chose_it(site):
    ThemeRelatedAction.objects.create(page=site["eyewitness"], action=site["letter"], sort_order=0)
    urls = urls_showing(site["letter"])
    for name in ("letter", "actions", "home", "story", "eyewitness"):
        assert url(site[name]) in urls, name
    for name in ("other", "evidence", "index", "about_science"):
        assert url(site[name]) not in urls, name
    assert root() + "/stories.csv" not in urls


def test_a_page_outside_every_site_is_shown_nowhere(site):
    orphan = Page.get_first_root_node().add_child(instance=Page(title="Elsewhere", slug="x"))
    assert urls_showing(orphan) == set()


def test_the_answer_costs_a_fixed_number_of_queries_however_many_pages_show_it(site):
    def queries():
        urls_showing(site["story"])  # the site root paths, cached from then on
        with within_budget(BUDGET, "urls_showing") as captured:
            urls = urls_showing(site["story"])
        return len(captured), len(urls)

    few, shown_by_few = queries()
    for __ in range(20):
        ExonereeStoryPageFactory(parent=site["index"], factors=[site["science"]])
        petition = PetitionPageFactory(parent=site["actions"])
        petition.factors.set([site["science"]])
        petition.save()
    many, shown_by_many = queries()
    print(f"\nurls_showing(story): {few} → {many} queries, {shown_by_few} → {shown_by_many} URLs")
    assert shown_by_many == shown_by_few + 40
    assert few == many
