"""Open data (CSV and JSON), the Atom feed of new stories and story JSON-LD."""

import csv
import io
import itertools
import json
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from xml.etree import ElementTree

import pytest

from django.core.cache import cache
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from wagtail.models import PageViewRestriction

from home.models import HomePage
from stories.fields import OPEN_DATA_FIELDS, STORY_FIELDS, StoryField
from stories.importing import import_stories
from stories.models import PRIVATE_FIELDS, ExonereeStoryPage
from stories.opendata import LOADED_FIELDS, PUBLIC_FIELDS
from tests.factories import (
    ContributingFactorFactory,
    ExonereeStoryPageFactory,
    ImageFactory,
    StoryIndexPageFactory,
    ThemePageFactory,
)
from tests.queries import within_budget
from tests.stories.test_import import GOOD, csv_text

pytestmark = pytest.mark.django_db

PRIVATE_TEXT = ("SECRET NOTE", "LEGAL NOTE")
ATOM = "{http://www.w3.org/2005/Atom}"
START = datetime(2024, 1, 1, 12, tzinfo=UTC)
SLUGS = itertools.count()


def assert_nothing_private(text):
    for secret in (*PRIVATE_TEXT, *PRIVATE_FIELDS):
        assert secret not in text


@pytest.fixture
def index():
    return StoryIndexPageFactory(parent=HomePage.objects.get())


@pytest.fixture
def factors():
    home = HomePage.objects.get()
    eyewitness = ThemePageFactory(parent=home, title="The Eyewitness", slug="the-eyewitness")
    evidence = ThemePageFactory(parent=home, title="The Evidence", slug="the-evidence")
    return [
        ContributingFactorFactory(name="Mistaken witness ID", slug="mistaken-id", theme=eyewitness),
        ContributingFactorFactory(name="Suggestive line-up", slug="line-up", theme=eyewitness),
        ContributingFactorFactory(name="False forensics", slug="forensics", theme=evidence),
        ContributingFactorFactory(name="Unmapped", slug="unmapped"),
    ]


def make_story(index, n=0, **kwargs):
    """A live story, published `n` days after START, with private notes.
    Its slug is unique: Faker sometimes repeats a name."""
    fields = {
        "slug": f"story-{next(SLUGS)}",
        "first_published_at": START + timedelta(days=n),
        "last_published_at": START + timedelta(days=n, hours=1),
        "consent_note": "SECRET NOTE",
        "legal_review_note": "LEGAL NOTE",
        "legal_review_done": True,
        **kwargs,
    }
    return ExonereeStoryPageFactory(parent=index, **fields)


@pytest.fixture
def stories(index, factors):
    marcus = make_story(
        index,
        1,
        person_name="Marcus Reed",
        slug="marcus-reed",
        factors=factors,
        years_lost_known=Decimal("11.5"),
        death_row=True,
        dna_based=True,
    )
    other = make_story(index, 2, person_name="Ana Ortiz", slug="ana-ortiz", factors=factors[2:3])
    draft = make_story(index, 3, person_name="Draft Person", slug="draft", live=False)
    hidden = make_story(index, 4, person_name="Hidden Person", slug="hidden")
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    return {"marcus": marcus, "other": other, "draft": draft, "hidden": hidden}


def get_json(client):
    response = client.get("/stories.json")
    assert response.status_code == 200
    return response, response.json()


def get_csv(client):
    response = client.get("/stories.csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    return response, text, list(csv.DictReader(io.StringIO(text)))


# Open data


def test_the_urls_are_named_and_stable():
    assert reverse("stories_csv") == "/stories.csv"
    assert reverse("stories_json") == "/stories.json"
    assert reverse("stories_feed") == "/stories/feed/"


def test_no_private_field_is_public_or_even_loaded():
    assert not set(PUBLIC_FIELDS) & set(PRIVATE_FIELDS)
    assert not set(LOADED_FIELDS) & set(PRIVATE_FIELDS)


def test_json_lists_live_public_stories_with_public_fields_only(client, stories):
    response, data = get_json(client)

    assert response["Content-Type"] == "application/json"
    assert data["count"] == 2
    assert data["fields"] == list(PUBLIC_FIELDS)
    assert [story["person_name"] for story in data["stories"]] == ["Ana Ortiz", "Marcus Reed"]
    for story in data["stories"]:
        assert list(story) == list(PUBLIC_FIELDS)
    assert_nothing_private(response.content.decode())


def test_json_record_values(client, stories):
    _, data = get_json(client)
    marcus = next(s for s in data["stories"] if s["slug"] == "marcus-reed")

    assert marcus == {
        "url": "http://localhost/stories/marcus-reed/",
        "slug": "marcus-reed",
        "person_name": "Marcus Reed",
        "title": "The story of Marcus Reed",
        "summary": stories["marcus"].summary,
        "state": "TX",
        "state_name": "Texas",
        "other_jurisdiction": "",
        "county": "Sample County",
        "crimes_charged": "Robbery",
        "sentence": "25 years",
        "death_row": True,
        "crime_year": 1994,
        "conviction_year": 1995,
        "exoneration_year": 2006,
        "years_lost": 11.5,
        "dna_based": True,
        "factors": ["forensics", "line-up", "mistaken-id", "unmapped"],
        "themes": ["The Evidence", "The Eyewitness"],
        "basis": "innocent",
        "real_perpetrator_identified": False,
        "compensation": "unknown",
        "first_published_at": "2024-01-02T12:00:00+00:00",
    }


def test_themes_that_are_not_live_are_left_out(client, stories, factors):
    evidence = factors[2].theme
    evidence.live = False
    evidence.save()

    _, data = get_json(client)

    marcus = next(s for s in data["stories"] if s["slug"] == "marcus-reed")
    assert marcus["themes"] == ["The Eyewitness"]


def test_csv_lists_live_public_stories_with_public_fields_only(client, stories):
    response, text, rows = get_csv(client)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="stories.csv"'
    assert text.splitlines()[0] == ",".join(PUBLIC_FIELDS)
    assert [row["person_name"] for row in rows] == ["Ana Ortiz", "Marcus Reed"]
    marcus = rows[1]
    assert marcus["url"] == "http://localhost/stories/marcus-reed/"
    assert marcus["factors"] == "forensics;line-up;mistaken-id;unmapped"
    assert marcus["themes"] == "The Evidence;The Eyewitness"
    assert marcus["years_lost"] == "11.5"
    assert marcus["death_row"] == "true"
    assert marcus["real_perpetrator_identified"] == "false"
    assert_nothing_private(text)


def test_csv_neutralises_spreadsheet_formulas(client, index):
    make_story(
        index,
        person_name='=HYPERLINK("http://evil.example","Click")',
        summary="+1 234",
        county="-2+3",
        crimes_charged="@SUM(A1)",
        sentence="\tTab first",
        other_jurisdiction="\rCR first",
    )

    _, _, rows = get_csv(client)

    row = rows[0]
    assert row["person_name"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert row["summary"] == "'+1 234"
    assert row["county"] == "'-2+3"
    assert row["crimes_charged"] == "'@SUM(A1)"
    assert row["sentence"] == "'\tTab first"
    assert row["other_jurisdiction"] == "'\rCR first"
    assert row["title"] == 'The story of =HYPERLINK("http://evil.example","Click")'


@pytest.mark.parametrize("url", ["/stories.csv", "/stories.json"])
def test_open_data_is_cacheable_and_read_only(client, stories, url):
    response = client.get(url)

    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"public", "max-age=300"}
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 200


def test_open_data_with_no_stories(client, index):
    _, data = get_json(client)
    _, text, rows = get_csv(client)

    assert data == {"count": 0, "fields": list(PUBLIC_FIELDS), "stories": []}
    assert rows == []
    assert text.strip() == ",".join(PUBLIC_FIELDS)


def count_queries(client, url, budget):
    cache.clear()  # Wagtail's site root paths: count them every time
    with within_budget(budget, url) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("url", "most"), [("/stories.csv", 6), ("/stories.json", 6), ("/stories/feed/", 8)]
)
def test_query_count_does_not_grow_with_the_number_of_stories(client, index, factors, url, most):
    for n in range(3):
        make_story(index, n, factors=factors)
    few = count_queries(client, url, most)

    for n in range(3, 12):
        make_story(index, n, factors=factors[n % 4 :])
    many = count_queries(client, url, most)

    assert few == many
    assert len(client.get("/stories.json").json()["stories"]) == 12


# Feed


def parse_feed(client):
    response = client.get("/stories/feed/")
    assert response.status_code == 200
    return response, ElementTree.fromstring(response.content)


def test_feed_is_atom_with_the_live_public_stories(client, stories):
    response, feed = parse_feed(client)

    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "The story of Ana Ortiz",
        "The story of Marcus Reed",
    ]
    marcus = entries[1]
    assert marcus.find(f"{ATOM}link").get("href") == "http://localhost/stories/marcus-reed/"
    assert marcus.findtext(f"{ATOM}summary") == stories["marcus"].summary
    assert marcus.findtext(f"{ATOM}published") == "2024-01-02T12:00:00+00:00"
    assert marcus.findtext(f"{ATOM}updated") == "2024-01-02T13:00:00+00:00"
    assert marcus.findtext(f"{ATOM}id") == f"tag:testserver,2024-01-02:story-{stories['marcus'].pk}"
    assert "max-age=300" in response["Cache-Control"]
    assert_nothing_private(response.content.decode())


def test_feed_has_the_latest_twenty_stories_newest_first(client, index):
    for n in range(22):
        make_story(index, n, person_name=f"Person {n:02}")

    _, feed = parse_feed(client)

    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert titles == [f"The story of Person {n:02}" for n in range(21, 1, -1)]


def test_feed_escapes_titles_and_summaries(client, index):
    make_story(index, title="Tom & Jerry <b>", summary="<script>alert(1)</script>")

    response, feed = parse_feed(client)

    entry = feed.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Tom & Jerry <b>"
    assert entry.findtext(f"{ATOM}summary") == "<script>alert(1)</script>"
    assert b"<script>" not in response.content


# JSON-LD


def render_json_ld(page):
    request = RequestFactory().get(page.url)
    html = render_to_string(
        "stories/includes/story_json_ld.html", {"page": page, "request": request}
    )
    match = re.fullmatch(
        r'\s*<script type="application/ld\+json">(.*)</script>\s*', html, re.DOTALL
    )
    assert match, html
    return html, json.loads(match.group(1))


def test_json_ld_is_an_article_about_the_person(stories):
    marcus = ExonereeStoryPage.objects.get(slug="marcus-reed")

    html, data = render_json_ld(marcus)

    assert data == {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": "The story of Marcus Reed",
        "description": marcus.summary,
        "about": {"@type": "Person", "name": "Marcus Reed"},
        "publisher": {"@type": "Organization", "name": data["publisher"]["name"]},
        "url": "http://localhost/stories/marcus-reed/",
        "mainEntityOfPage": "http://localhost/stories/marcus-reed/",
        "datePublished": "2024-01-02T12:00:00+00:00",
        "dateModified": "2024-01-02T13:00:00+00:00",
    }
    assert_nothing_private(html)


def test_json_ld_has_the_portrait_when_there_is_one(index):
    portrait = ImageFactory(title="Portrait")
    story = make_story(index, portrait=portrait, portrait_alt="Marcus outside the court")

    _, data = render_json_ld(story)

    assert re.fullmatch(r"http://testserver/media/images/\S+\.png", data["image"])


def test_json_ld_cannot_be_broken_out_of(index):
    story = make_story(
        index,
        person_name="</script><script>alert(1)</script>",
        title="<!-- & -->",
        slug="break-out",
        summary='"quotes" and \\backslashes\\ and </SCRIPT>',
    )

    html, data = render_json_ld(story)

    assert html.count("<") == 2  # the opening and closing script tags only
    assert "&" not in html
    assert data["about"]["name"] == "</script><script>alert(1)</script>"
    assert data["headline"] == "<!-- & -->"
    assert data["description"] == '"quotes" and \\backslashes\\ and </SCRIPT>'


def test_every_private_field_is_listed_as_private_and_none_can_be_made_public():
    assert {field.attribute for field in STORY_FIELDS if field.private} == set(PRIVATE_FIELDS)
    for field in OPEN_DATA_FIELDS:
        assert not {field.name, field.attribute, *field.loads} & set(PRIVATE_FIELDS)
    with pytest.raises(ValueError, match="private"):
        StoryField("consent_note", public=True, private=True)


def test_private_columns_can_be_imported_but_never_leave_the_site(client, index):
    row = dict(
        GOOD,
        consent_on_file="yes",
        consent_date="2024-03-15",
        consent_note="SECRET NOTE",
        legal_review_done="yes",
    )
    import_stories(csv_text([row]))
    page = ExonereeStoryPage.objects.get()
    page.get_latest_revision().publish()
    page.refresh_from_db()
    assert page.live and page.consent_note == "SECRET NOTE"

    json_response, data = get_json(client)
    _, text, rows = get_csv(client)

    assert [record["slug"] for record in data["stories"]] == [row["slug"] for row in rows]
    assert rows[0]["slug"] == "marcus-reed"
    assert_nothing_private(json_response.content.decode())
    assert_nothing_private(text)
