"""The public site shows the Registry's data only as counts and charts: a
case record's name appears publicly only as the person of a consented,
published story. Open data stays stories-only, and search never searches
case records."""

import pytest

from tests.factories import ExonereeStoryPageFactory, stories_to_filter
from tests.registry_factories import CaseRecordFactory, NumbersPageFactory, figure_block

pytestmark = pytest.mark.django_db

# Names no page would otherwise hold.
PRIVATE = [("Zebulon", "Quagmirethorpe"), ("Ottoline", "Vexworthy"), ("Peregrine", "Snodgrass")]


@pytest.fixture
def site(home):
    story = stories_to_filter(home)  # Sam Rivera's story, published, consent on file
    theme = story.factors.get().theme
    theme.body = [figure_block("factor", "MWID"), figure_block("states"), figure_block("crimes")]
    theme.save_revision().publish()
    for first, last in PRIVATE:
        CaseRecordFactory(first_name=first, last_name=last, mistaken_identification=True)
    # Sam's own record may be named: his story is published with his consent.
    CaseRecordFactory(first_name="Sam", last_name="Rivera", state="Texas")
    # A draft about another person with a record: not published, so never named.
    draft = ExonereeStoryPageFactory(parent=story.get_parent(), person_name="Ottoline Vexworthy")
    draft.unpublish()
    numbers = NumbersPageFactory(parent=home)
    return {"story": story, "theme": theme, "numbers": numbers}


def public_pages(site):
    return [
        "/",
        site["numbers"].url,
        site["theme"].url,
        site["story"].url,
        site["story"].get_parent().url,
        "/stories/?factor=suggestive-line-up&state=TX",
        "/search/?q=Quagmirethorpe",
        "/search/?q=Vexworthy",
        "/search/?q=Rivera",
        "/sitemap.xml",
        "/stories/feed/",
        "/stories.csv",
        "/stories.json",
        "/numbers.csv",
    ]


def text_of(response, url=""):
    """What the page shows a visitor, less what they typed into search,
    which a search page repeats back."""
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    text = response.content.decode()
    if "?q=" in url:
        text = text.replace(url.partition("?q=")[2], "")
    return text


def test_no_case_record_name_appears_on_any_public_page(client, site):
    for url in public_pages(site):
        response = client.get(url)
        assert response.status_code == 200, url
        text = text_of(response, url)
        for first, last in PRIVATE:
            assert last not in text, f"{last} on {url}"
            assert first not in text, f"{first} on {url}"


def test_the_figures_are_there_as_counts(client, site):
    html = client.get(site["numbers"].url).content.decode()
    assert "Mistaken witness identification played a part in 75% of exonerations" in html
    csv = client.get("/numbers.csv").content.decode()
    assert csv.splitlines()[0] == "figure,label,count,share,source_date"
    assert "factors,Mistaken witness identification,3,0.7500," in csv


def test_a_published_story_s_own_person_is_named(client, site):
    assert "Sam Rivera" in client.get(site["story"].url).content.decode()


def test_public_search_does_not_search_case_records(client, site):
    for name in ("Quagmirethorpe", "Zebulon", "Ottoline"):
        html = client.get(f"/search/?q={name}").content.decode()

        assert f"No results for “{name}”" in html
        assert 'class="search__result"' not in html
    assert 'class="search__result"' in client.get("/search/?q=Rivera").content.decode()


def test_open_data_stays_stories_only(client, site):
    stories_json = client.get("/stories.json")
    data = __import__("json").loads(text_of(stories_json))
    assert data["count"] == 2  # Sam's and Robin's stories, not the records
    assert all("Quagmirethorpe" not in str(record) for record in data["stories"])
