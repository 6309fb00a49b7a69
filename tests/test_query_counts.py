"""Every public page renders uncached within its query budget (12), and the
count does not grow with the number of stories (nor of case records)."""

import pytest

from actions.models import ActionSettings
from core.models import OrganisationSettings
from home.models import HomePage
from stories.models import ExonereeStoryPage, StoryRelatedAction
from tests.factories import (
    ActionIndexPageFactory,
    DonatePageFactory,
    ImageFactory,
    LetterPageFactory,
    PetitionPageFactory,
    SignatureFactory,
    SignUpFormFieldFactory,
    SignUpPageFactory,
    StoryIndexPageFactory,
    add_stories,
    themes_sharing_the_factors,
)
from tests.locale_factories import translate
from tests.queries import PAGE_BUDGET, within_budget
from tests.registry_factories import CaseRecordFactory, NumbersPageFactory, figure_block

pytestmark = pytest.mark.django_db


def queries_per_page(client, urls):
    counts = {}
    for url in urls:
        client.get(url)  # first render makes image renditions; not what we measure
        with within_budget(PAGE_BUDGET, url) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


def stories_and_actions(home):
    """Ten stories filed under two themes' factors, with a portrait, and a
    petition and a letter about them: (index, themes, factors, image, a
    story, the actions index, petition, letter)."""
    index = StoryIndexPageFactory(parent=home)
    themes, factors = themes_sharing_the_factors(home, 2)
    image = ImageFactory(title="Sample portrait", file__width=80, file__height=100)
    add_stories(index, range(10), image, factors)
    story = ExonereeStoryPage.objects.first()
    actions = ActionIndexPageFactory(parent=home)
    petition = PetitionPageFactory(parent=actions)
    # “Why this matters” ranks stories by what the action is about.
    petition.factors.set(factors[:1])
    petition.themes.set(themes[1:])
    petition.save()
    letter = LetterPageFactory(parent=actions)
    return index, themes, factors, image, story, actions, petition, letter


def test_public_pages_use_a_fixed_small_number_of_queries(client):
    home = HomePage.objects.get()
    index, themes, factors, image, story, actions, petition, letter = stories_and_actions(home)
    signup = SignUpPageFactory(parent=actions)
    SignUpFormFieldFactory(page=signup, label="Email", field_type="email")
    SignatureFactory.create_batch(10, action=petition, source_page=story)
    # The story chooses its actions; the theme falls back to the site's default.
    StoryRelatedAction.objects.create(page=story, action=letter, sort_order=0)
    StoryRelatedAction.objects.create(page=story, action=petition, sort_order=1)
    ActionSettings.objects.create(site=home.get_site(), default_action=petition)
    # Everything the header, footer and link previews take from the settings.
    OrganisationSettings.objects.create(
        site=home.get_site(),
        organisation_name="Sample Justice Project",
        logo=image,
        contact_email="hello@example.org",
        social_links=[("link", {"platform": "bluesky", "url": "https://bsky.app/profile/x"})],
        share_image=image,
        share_text="A sample campaign.",
    )
    # The national figures: every one on the numbers page, three in a theme.
    numbers = NumbersPageFactory(parent=home)
    themes[1].body = [
        figure_block("factor", "MWID"),
        figure_block("dna"),
        figure_block("per_year"),
    ]
    themes[1].save_revision().publish()
    # ...and two in a story.
    figured = ExonereeStoryPage.objects.last()
    figured.body = [*figured.body.raw_data, figure_block("factor", "MWID"), figure_block("dna")]
    figured.save_revision().publish()
    CaseRecordFactory.create_batch(10, mistaken_identification=True)
    urls = [
        home.url,
        index.url,
        f"{index.url}?theme=the-evidence&sort=years",
        f"{index.url}?state=TX&dna=yes&decade=1990&page=1",
        story.url,
        figured.url,
        themes[0].url,
        themes[1].url,
        numbers.url,
        "/search/?q=Person",
        actions.url,
        petition.url,
        f"{petition.url}thanks/",
        letter.url,
        DonatePageFactory(parent=actions).url,
        signup.url,
    ]

    with_10 = queries_per_page(client, urls)
    add_stories(index, range(10, 1000), image, factors)
    SignatureFactory.create_batch(990, action=petition, source_page=story)
    CaseRecordFactory.create_batch(990, dna=True)
    with_1000 = queries_per_page(client, urls)

    print("\nqueries per page (10 stories → 1,000 stories):")
    for url in urls:
        print(f"  {url}: {with_10[url]} → {with_1000[url]}")
    assert with_1000 == with_10  # both within budget: queries_per_page checks


def test_spanish_action_pages_use_as_few_queries_as_english_ones(client):
    """The petition (with its thank-you page), the letter and the action
    index in Spanish (issue 16), on a site set up as above; the stories and
    theme pages in Spanish are measured in tests/locales/test_queries.py."""
    home = HomePage.objects.get()
    *__, image, story, actions, petition, letter = stories_and_actions(home)
    SignatureFactory.create_batch(10, action=petition, source_page=story)
    ActionSettings.objects.create(site=home.get_site(), default_action=petition)
    OrganisationSettings.objects.create(
        site=home.get_site(), organisation_name="Sample Justice Project", logo=image
    )
    translate(story, title="Una historia")
    peticion = translate(petition, title="Revisen las condenas")
    carta = translate(letter, title="Escriba al senador")
    urls = [peticion.get_parent().url, peticion.url, f"{peticion.url}thanks/", carta.url]
    assert all(url.startswith("/es/") for url in urls)

    counts = queries_per_page(client, urls)
    english = queries_per_page(
        client, [actions.url, petition.url, f"{petition.url}thanks/", letter.url]
    )
    print("\nqueries per Spanish action page:", counts, "\nand in English:", english)
    assert list(counts.values()) == list(english.values())
