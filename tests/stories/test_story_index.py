import re

import pytest

from home.models import HomePage
from stories.models import ContributingFactor
from tests.factories import ExonereeStoryPageFactory, StoryIndexPageFactory, ThemePageFactory
from tests.shared import built_once, fresh

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def shared_stories(django_db_setup, django_db_blocker):
    """Built once for the module (see tests/shared.py)."""
    with built_once(django_db_blocker):
        yield build_stories()


@pytest.fixture
def stories(db, shared_stories):
    index, made = shared_stories
    return fresh(index), {name: fresh(story) for name, story in made.items()}


def build_stories():
    home = HomePage.objects.get()
    index = StoryIndexPageFactory(parent=home)
    eyewitness = ThemePageFactory(parent=home, title="The Eyewitness", slug="the-eyewitness")
    evidence = ThemePageFactory(parent=home, title="The Evidence", slug="the-evidence")
    mistaken = ContributingFactor.objects.get(slug="mistaken-witness-identification")
    mistaken.theme = eyewitness
    mistaken.save()
    forensic = ContributingFactor.objects.get(slug="false-or-misleading-forensic-evidence")
    forensic.theme = evidence
    forensic.save()
    made = {
        "ada": ExonereeStoryPageFactory(
            parent=index,
            person_name="Ada Park",
            jurisdiction="TX",
            dna_based=True,
            conviction_year=1990,
            exoneration_year=2010,
            factors=[mistaken, forensic],
        ),
        "ben": ExonereeStoryPageFactory(
            parent=index,
            person_name="Ben Cole",
            jurisdiction="IL",
            dna_based=False,
            conviction_year=2000,
            exoneration_year=2003,
            factors=[forensic],
        ),
        "cy": ExonereeStoryPageFactory(
            parent=index,
            person_name="Cy Diaz",
            jurisdiction="TX",
            dna_based=False,
            conviction_year=1985,
            exoneration_year=1999,
            factors=[mistaken],
        ),
        "draft": ExonereeStoryPageFactory(parent=index, person_name="Dee Draft", live=False),
    }
    return index, made


def names(response):
    return [story.person_name for story in response.context["listing"].stories]


def test_lists_published_stories_newest_exoneration_first(client, stories):
    index, _ = stories
    response = client.get(index.url)
    assert response.status_code == 200
    assert names(response) == ["Ada Park", "Ben Cole", "Cy Diaz"]
    assert "Dee Draft" not in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"theme": "the-eyewitness"}, ["Ada Park", "Cy Diaz"]),
        ({"factor": "false-or-misleading-forensic-evidence"}, ["Ada Park", "Ben Cole"]),
        ({"state": "TX"}, ["Ada Park", "Cy Diaz"]),
        ({"dna": "yes"}, ["Ada Park"]),
        ({"dna": "no"}, ["Ben Cole", "Cy Diaz"]),
        ({"decade": "1990"}, ["Cy Diaz"]),
        ({"theme": "the-evidence", "state": "IL"}, ["Ben Cole"]),
        ({"sort": "years"}, ["Ada Park", "Cy Diaz", "Ben Cole"]),
        ({"sort": "name"}, ["Ada Park", "Ben Cole", "Cy Diaz"]),
    ],
)
def test_filters_and_sorting(client, stories, query, expected):
    index, _ = stories
    response = client.get(index.url, query)
    assert names(response) == expected
    assert response.context["listing"].page.paginator.count == len(expected)


def test_facets_count_within_the_filtered_set(client, stories):
    index, _ = stories
    listing = client.get(index.url, {"state": "TX"}).context["listing"]
    counts = {facet.value: facet.count for facet in listing.facets["theme"]}
    assert counts == {"the-eyewitness": 2, "the-evidence": 1}
    assert {f.value: f.count for f in listing.facets["dna"]} == {"yes": 1, "no": 1}
    assert [f.selected for f in listing.facets["state"]] == [True]


def test_statistics_are_computed_from_published_stories(client, stories):
    index, _ = stories
    statistics = client.get(index.url).context["listing"].statistics
    assert statistics["stories"] == 3
    assert statistics["years_lost"] == 20 + 3 + 14
    shares = {row["theme"].slug: row["share"] for row in statistics["themes"]}
    assert shares == {"the-eyewitness": 67, "the-evidence": 67}


@pytest.mark.parametrize(
    ("query", "stories_count", "years_lost", "shares"),
    [
        ({"state": "IL"}, 1, 3, {"the-eyewitness": 0, "the-evidence": 100}),
        ({"state": "TX", "dna": "no"}, 1, 14, {"the-eyewitness": 100, "the-evidence": 0}),
        ({"theme": "the-eyewitness"}, 2, 20 + 14, {"the-eyewitness": 100, "the-evidence": 50}),
        ({"state": "CA"}, 0, 0, {"the-eyewitness": 0, "the-evidence": 0}),
    ],
)
def test_statistics_follow_the_filters(client, stories, query, stories_count, years_lost, shares):
    index, _ = stories
    response = client.get(index.url, query)
    listing = response.context["listing"]
    assert listing.statistics["stories"] == listing.page.paginator.count == stories_count
    assert listing.statistics["years_lost"] == years_lost
    assert {row["theme"].slug: row["share"] for row in listing.statistics["themes"]} == shares
    html = re.sub(r"\s+", " ", response.content.decode())
    assert f"{years_lost} years lost" in html or stories_count == 0


def test_the_filter_panel_says_how_many_filters_are_active(client, stories):
    index, _ = stories
    html = client.get(index.url, {"state": "TX", "dna": "no", "sort": "name"}).content.decode()
    assert re.search(r"Filter stories\s*<span[^>]*>\(2 active\)</span>", html)
    assert "active)" not in client.get(index.url).content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"theme": "no-such-theme"},
        {"factor": "nope"},
        {"state": "ZZ"},
        {"dna": "maybe"},
        {"decade": "abc"},
        {"sort": "random"},
        {"page": "abc"},
        {"theme": "x" * 5000},
        {"page": "abc" * 2000},
    ],
)
def test_bad_parameters_give_the_unfiltered_list(client, stories, query):
    index, _ = stories
    response = client.get(index.url, query)
    assert response.status_code == 200
    assert names(response) == ["Ada Park", "Ben Cole", "Cy Diaz"]


@pytest.mark.parametrize("number", ["999999", "9" * 5000, "0"])
def test_a_page_out_of_range_is_404(client, stories, number):
    index, _ = stories
    assert client.get(index.url, {"page": number}).status_code == 404


def test_works_as_a_plain_get_form(client, stories):
    index, _ = stories
    html = client.get(index.url, {"theme": "the-eyewitness"}).content.decode()
    assert 'method="get"' in html
    assert re.search(r'<option value="the-eyewitness"\s+selected>', html)
    assert 'for="filter-theme"' in html


def test_pagination_keeps_the_filters(client, stories, settings):
    index, _ = stories
    for n in range(12):
        ExonereeStoryPageFactory(parent=index, person_name=f"Extra {n:02}", jurisdiction="TX")
    response = client.get(index.url, {"state": "TX"})
    assert len(response.context["listing"].stories) == 12
    assert "?state=TX&amp;page=2" in response.content.decode()
    assert names(client.get(index.url, {"state": "TX", "page": "2"})) != []
