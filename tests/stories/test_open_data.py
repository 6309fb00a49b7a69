"""Open data (CSV and JSON): public fields of live, public stories only."""

import csv
import io
import json

import pytest

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.urls import reverse

from stories import opendata
from stories.fields import OPEN_DATA_FIELDS, STORY_FIELDS, StoryField
from stories.importing import import_stories
from stories.models import PRIVATE_FIELDS, ExonereeStoryPage
from stories.opendata import (
    LOADED_FIELDS,
    PUBLIC_FIELDS,
    csv_cell,
    published_stories,
    story_record,
)
from tests.queries import within_budget
from tests.stories.published import assert_nothing_private, make_story
from tests.stories.test_import import GOOD, csv_text

pytestmark = pytest.mark.django_db


def body(response):
    """The whole of a streamed response: reading it runs the queries."""
    return b"".join(response.streaming_content)


def get_json(client):
    response = client.get("/stories.json")
    assert response.status_code == 200
    return response, json.loads(body(response))


def get_csv(client):
    response = client.get("/stories.csv")
    assert response.status_code == 200
    text = body(response).decode("utf-8")
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
    assert_nothing_private(json.dumps(data))


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
    assert {"public", f"s-maxage={settings.PAGE_CACHE_SECONDS}"} <= cache_control
    assert "Cookie" not in response.get("Vary", "")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 200


def whole_json(request):
    """/stories.json as it was written before it was streamed: one JsonResponse."""
    stories = [story_record(story, request) for story in published_stories()]
    return JsonResponse(
        {"count": len(stories), "fields": list(PUBLIC_FIELDS), "stories": stories},
        json_dumps_params={"ensure_ascii": False},
    ).content


def whole_csv(request):
    """/stories.csv as it was written before it was streamed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(PUBLIC_FIELDS)
    for story in published_stories():
        record = story_record(story, request)
        writer.writerow([csv_cell(record[field]) for field in PUBLIC_FIELDS])
    return buffer.getvalue().encode()


@pytest.mark.parametrize(
    ("url", "whole"), [("/stories.json", whole_json), ("/stories.csv", whole_csv)]
)
def test_open_data_is_streamed_in_the_bytes_it_had_whole(
    client, rf, monkeypatch, index, factors, url, whole
):
    # Several reads of the database, and several pieces of the response.
    monkeypatch.setattr(opendata, "STORIES_PER_READ", 10)
    monkeypatch.setattr(opendata, "RECORDS_PER_PIECE", 4)
    for n in range(25):
        make_story(index, n, factors=factors[n % 4 :], person_name=f"Zoë “Z” Núñez, {n}")

    response = client.get(url)

    assert response.streaming
    assert body(response) == whole(rf.get(url))


def test_open_data_with_no_stories(client, index):
    _, data = get_json(client)
    _, text, rows = get_csv(client)

    assert data == {"count": 0, "fields": list(PUBLIC_FIELDS), "stories": []}
    assert rows == []
    assert text.strip() == ",".join(PUBLIC_FIELDS)


def count_queries(client, url, budget):
    cache.clear()  # Wagtail's site root paths: count them every time
    with within_budget(budget, url) as queries:
        response = client.get(url)
        assert response.status_code == 200
        if response.streaming:
            body(response)
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
    assert len(get_json(client)[1]["stories"]) == 12


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

    _, data = get_json(client)
    _, text, rows = get_csv(client)

    assert [record["slug"] for record in data["stories"]] == [row["slug"] for row in rows]
    assert rows[0]["slug"] == "marcus-reed"
    assert_nothing_private(json.dumps(data))
    assert_nothing_private(text)
