"""What rendering keeps between requests (core.rendercache, core.routing): a
page from it is the page rendered afresh, costs fewer queries, and changes as
soon as staff change what it shows."""

from types import SimpleNamespace

import pytest

from django.core.cache import cache

from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from actions.models import ActionSettings
from core import rendercache
from stories.models import ContributingFactor, ExonereeStoryPage
from tests.factories import (
    ActionIndexPageFactory,
    ExonereeStoryPageFactory,
    ImageFactory,
    LetterPageFactory,
    PetitionPageFactory,
    StoryIndexPageFactory,
    add_stories,
    themes_sharing_the_factors,
)
from tests.queries import PAGE_BUDGET, within_budget

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def render_cache(settings):
    # Off in the test settings; on, as in production, for these tests.
    settings.RENDER_CACHE_ENABLED = True


@pytest.fixture
def site(home):
    themes, factors = themes_sharing_the_factors(home, 2)
    index = StoryIndexPageFactory(parent=home)
    image = ImageFactory(title="Sample portrait", file__width=80, file__height=100)
    add_stories(index, range(6), image, factors)
    actions = ActionIndexPageFactory(parent=home)
    petition = PetitionPageFactory(parent=actions, title="Free them now")
    ActionSettings.objects.create(site=home.get_site(), default_action=petition)
    story = ExonereeStoryPage.objects.order_by("pk").first()
    return SimpleNamespace(home=home, index=index, themes=themes, story=story, actions=actions)


def shown(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_kept_page_is_the_page_rendered_afresh_for_fewer_queries(client, site, settings):
    urls = [
        site.story.url,
        site.themes[0].url,
        site.index.url,
        f"{site.index.url}?theme=the-evidence&dna=yes",
        f"{site.index.url}?sort=years&page=1",
        site.home.url,
    ]
    for url in urls:
        settings.RENDER_CACHE_ENABLED = False
        fresh = shown(client, url)  # also makes the image renditions
        settings.RENDER_CACHE_ENABLED = True
        rendercache.forget_everything()
        with within_budget(PAGE_BUDGET, f"{url}, cold") as cold:
            assert shown(client, url) == fresh
        with within_budget(PAGE_BUDGET, f"{url}, warm") as warm:
            assert shown(client, url) == fresh
        assert len(warm) < len(cold), url
    # The routing, the story's body, its related stories and its actions are
    # kept: what remains is the link preview's portrait.
    shown(client, site.story.url)
    with within_budget(1, "a warm story"):
        shown(client, site.story.url)


def test_a_listing_not_asked_for_before_reuses_the_story_groups(client, site, settings):
    """The facets' grouped query over every story is the same whatever the
    filters: a new filter combination costs only its page of stories."""
    shown(client, site.index.url)
    cache.delete(f"story-groups:{site.index.pk}")
    queries, listings = [], []
    for query in ({"theme": site.themes[0].slug}, {"dna": "no", "sort": "name"}):
        with within_budget(PAGE_BUDGET, f"a new listing, {query}") as made:
            listings.append(client.get(site.index.url, query).context["listing"])
        queries.append(len(made))
    assert queries[1] == queries[0] - 1
    settings.RENDER_CACHE_ENABLED = False
    fresh = client.get(site.index.url, {"dna": "no", "sort": "name"}).context["listing"]
    assert (listings[1].facets, listings[1].statistics) == (fresh.facets, fresh.statistics)
    assert [s.pk for s in listings[1].stories] == [s.pk for s in fresh.stories]


def test_publishing_a_new_revision_shows_the_new_body(client, site):
    assert "A sample story, written for tests." in shown(client, site.story.url)
    site.story.body = [("text", RichText("<p>Rewritten after the appeal.</p>"))]
    site.story.save_revision().publish()
    page = shown(client, site.story.url)
    assert "Rewritten after the appeal." in page
    assert "A sample story, written for tests." not in page


def test_a_preview_is_never_read_from_the_cache(client, site):
    shown(client, site.story.url)
    site.story.body = [("text", RichText("<p>Only in the preview.</p>"))]
    response = site.story.make_preview_request()
    assert "Only in the preview." in response.content.decode()
    # ...nor stored in it.
    assert "Only in the preview." not in shown(client, site.story.url)


def test_a_new_story_shows_on_the_index_its_themes_and_at_its_address(client, site):
    theme = site.themes[0]
    factor = ContributingFactor.objects.filter(theme=theme).first()
    for url in (site.index.url, theme.url):
        assert "Newly Published" not in shown(client, url)
    story = ExonereeStoryPageFactory(
        parent=site.index, person_name="Newly Published", factors=[factor]
    )
    story.save_revision().publish()
    for url in (site.index.url, theme.url, story.url):
        assert "Newly Published" in shown(client, url)


def test_an_unpublished_story_leaves_the_index_and_its_address(client, site):
    story = site.story
    assert story.person_name in shown(client, site.index.url)
    shown(client, story.url)
    story.unpublish()
    assert story.person_name not in shown(client, site.index.url)
    assert client.get(story.url).status_code == 404


def test_a_renamed_page_moves_to_its_new_address(client, site):
    story, old_url = site.story, site.story.url
    shown(client, old_url)
    story.slug = "a-new-address"
    story.save_revision().publish()
    assert client.get(old_url).status_code == 404
    assert story.person_name in shown(client, f"{site.index.url}a-new-address/")


def test_a_restriction_added_to_a_page_applies_at_once(client, site):
    shown(client, site.story.url)
    PageViewRestriction.objects.create(page=site.story, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(site.story.url).status_code == 302


def test_an_edited_factor_shows_on_the_stories_filed_under_it(client, site):
    factor = site.story.factors.first()
    assert factor.name in shown(client, site.story.url)
    factor.name = "Renamed by staff"
    factor.save()
    assert "Renamed by staff" in shown(client, site.story.url)


def test_a_new_default_action_shows_at_the_end_of_stories_at_once(client, site):
    assert "Free them now" in shown(client, site.story.url)
    letter = LetterPageFactory(parent=site.actions, title="Write to the governor")
    settings = ActionSettings.objects.get()
    settings.default_action = letter
    settings.save()
    page = shown(client, site.story.url)
    assert "Write to the governor" in page
    assert "Free them now" not in page


def test_a_page_of_stories_past_the_last_is_not_found_cold_or_warm(client, site):
    for __ in range(2):
        assert client.get(f"{site.index.url}?page=99").status_code == 404
