"""Every listing, feed and open data file shows the visitor's language only
(issue 16): no English story on a Spanish listing, no Spanish one on an
English listing."""

import json

import pytest

from home.models import HomePage
from stories.models import ContributingFactor
from tests.factories import ExonereeStoryPageFactory, StoryIndexPageFactory
from tests.locale_factories import translate

pytestmark = pytest.mark.django_db

ENGLISH, SPANISH = "Englishonly", "Historiaespañola"


def body(response):
    assert response.status_code == 200, response
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def listings(english, spanish):
    """(English address, Spanish address) of each listing of stories."""
    index, theme = english.get_parent(), english.factors.get().theme
    es_index, es_theme = spanish.get_parent(), spanish.factors.get().theme
    return [
        ("/", "/es/"),
        (index.url, es_index.url),
        (
            f"{index.url}?factor=mistaken-witness-identification",
            f"{es_index.url}?factor=identificacion-erronea",
        ),
        (theme.url, es_theme.url),
        ("/stories/feed/", "/es/stories/feed/"),
        ("/stories.json", "/es/stories.json"),
        ("/stories.csv", "/es/stories.csv"),
        ("/search/?q=story", "/es/search/?q=story"),
    ]


def test_each_listing_shows_its_own_language_only(client, both_languages):
    english, spanish = both_languages
    for english_url, spanish_url in listings(english, spanish):
        in_english = body(client.get(english_url))
        in_spanish = body(client.get(spanish_url))
        if "search" not in english_url:
            assert ENGLISH in in_english, english_url
            assert SPANISH in in_spanish, spanish_url
        assert SPANISH not in in_english, english_url
        assert ENGLISH not in in_spanish, spanish_url


def test_search_finds_each_language_under_its_own_address(client, both_languages):
    english, spanish = both_languages
    # (The results page repeats the query: look for the story's address.)
    assert f'href="{english.url}"' in body(client.get("/search/?q=Englishonly"))
    assert f'href="{english.url}"' not in body(client.get("/es/search/?q=Englishonly"))
    assert f'href="{spanish.url}"' in body(client.get("/es/search/?q=Historiaespañola"))
    assert f'href="{spanish.url}"' not in body(client.get("/search/?q=Historiaespañola"))


def test_open_data_counts_and_links_one_language(client, both_languages):
    __, spanish = both_languages
    data = json.loads(body(client.get("/es/stories.json")))
    assert data["count"] == 1
    (record,) = data["stories"]
    assert record["url"] == spanish.get_full_url()
    assert record["factors"] == ["identificacion-erronea"]


def test_the_home_page_counts_and_features_its_language(both_languages, rf):
    english, spanish = both_languages
    es_home = HomePage.objects.get(locale__language_code="es")
    assert [story.pk for story in es_home.featured()] == [spanish.pk]
    assert es_home.stories().totals()[0] == 1
    assert [story.pk for story in HomePage.objects.get(locale__language_code="en").featured()] == [
        english.pk
    ]


def test_related_stories_stay_in_the_story_language(both_languages):
    english, spanish = both_languages
    assert spanish.pk not in [story.pk for story in english.get_related_stories()]
    assert english.pk not in [story.pk for story in spanish.get_related_stories()]


def test_spanish_addresses_outside_the_page_tree_resolve(client, both_languages):
    for url in ("/es/stories.json", "/es/stories.csv", "/es/numbers.csv", "/es/stories/feed/"):
        assert client.get(url).status_code == 200, url
    assert client.get("/es/search/?q=x").status_code == 200


def test_a_spanish_story_filed_under_an_untranslated_factor_is_listed(client, home):
    """Its factor stays English until translated: the Spanish index lists the
    story, without that factor among its facets."""
    index = StoryIndexPageFactory(parent=home)
    factor = ContributingFactor.objects.get(registry_code="MWID")
    story = ExonereeStoryPageFactory(parent=index, person_name="Sam Rivera", factors=[factor])
    spanish = translate(story, title="La historia de Sam Rivera")

    assert "Sam Rivera" in body(client.get(spanish.get_parent().url))
