"""The home page leads with a person and the campaign now, and the header
offers staff's one button (usually Donate) on every page."""

import pytest

from actions.models import ActionSettings
from core.models import NavigationSettings
from home.models import FeaturedStory, HomePage
from tests.factories import (
    ActionIndexPageFactory,
    DonatePageFactory,
    ExonereeStoryPageFactory,
    ImageFactory,
    PetitionPageFactory,
    SignatureFactory,
    StoryIndexPageFactory,
)

pytestmark = pytest.mark.django_db


def part(html, start, end):
    return html.split(start, 1)[1].split(end, 1)[0]


@pytest.fixture
def home():
    home = HomePage.objects.get()
    index = StoryIndexPageFactory(parent=home)
    home.lead = ExonereeStoryPageFactory(
        parent=index, person_name="Malcolm Reddiford", years_lost_known=16
    )
    home.other = ExonereeStoryPageFactory(parent=index, person_name="Amara Quist")
    home.petition = PetitionPageFactory(
        parent=ActionIndexPageFactory(parent=home), title="Review bite-mark cases", goal=500
    )
    SignatureFactory.create_batch(3, action=home.petition)
    home.featured_stories = [
        FeaturedStory(story=home.lead, sort_order=0),
        FeaturedStory(story=home.other, sort_order=1),
    ]
    home.hero_quote = "My daughters grew up visiting me through glass."
    home.hero_action_page = home.petition
    home.hero_action_label = "Add your name"
    home.save_revision().publish()
    return home


def test_the_hero_shows_the_first_featured_story_in_their_own_words(client, home):
    hero = part(client.get("/").content.decode(), '<section class="hero"', "</section>")
    assert "Malcolm Reddiford" in hero
    assert f'href="{home.lead.url}"' in hero
    assert "16 years lost" in hero
    assert "<p>My daughters grew up visiting me through glass.</p>" in hero
    assert "Amara Quist" not in hero  # listed under "Their stories" instead
    # The portrait (or its monogram) is the first thing a phone paints.
    assert 'class="portrait portrait--hero' in hero


def test_the_hero_falls_back_to_the_storys_summary(client, home):
    home.hero_quote = ""
    home.save_revision().publish()
    hero = part(client.get("/").content.decode(), '<section class="hero"', "</section>")
    assert "<blockquote" not in hero
    assert home.lead.summary in hero


def test_the_hero_shows_the_petitions_live_count_and_goal(client, home):
    # Counts shown however small: a site's default waits for 100 signatures.
    ActionSettings.objects.update_or_create(
        site=home.get_site(), defaults={"social_proof_threshold": 0}
    )
    hero = part(client.get("/").content.decode(), '<section class="hero"', "</section>")
    assert "Review bite-mark cases" in hero
    assert 'max="500"' in hero and 'value="3"' in hero
    assert f'href="{home.petition.url}?from={home.pk}">Add your name</a>' in hero

    SignatureFactory(action=home.petition)
    hero = part(client.get("/").content.decode(), '<section class="hero"', "</section>")
    assert 'value="4"' in hero  # live, not cached with the page


def test_a_featured_portrait_is_fetched_first(client, home):
    home.lead.portrait = ImageFactory(title="Sample portrait", file__width=80, file__height=100)
    home.lead.portrait_alt = "Malcolm at home"
    home.lead.save_revision().publish()
    hero = part(client.get("/").content.decode(), '<section class="hero"', "</section>")
    assert 'loading="eager"' in hero
    assert 'fetchpriority="high"' in hero
    assert 'sizes="(min-width: 56rem) 26rem, 8rem"' in hero


def test_the_header_button_is_a_button_to_the_page_staff_chose(client, home):
    donate = DonatePageFactory(parent=home.petition.get_parent(), title="Fund the next test")
    navigation = NavigationSettings.for_site(home.get_site())
    navigation.button_page = donate
    navigation.button_label = "Donate"
    navigation.save()
    header = part(client.get("/").content.decode(), '<header class="site-header">', "</header>")
    assert f'<a class="button site-header__button" href="{donate.url}">Donate</a>' in header

    donate.unpublish()
    header = part(client.get("/").content.decode(), '<header class="site-header">', "</header>")
    assert "site-header__button" not in header
