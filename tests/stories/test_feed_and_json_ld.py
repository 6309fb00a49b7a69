"""The Atom feed of new stories and each story's JSON-LD: public fields only."""

import json
import re
from xml.etree import ElementTree

import pytest

from django.template.loader import render_to_string
from django.test import RequestFactory

from stories.models import ExonereeStoryPage
from tests.factories import ImageFactory
from tests.stories.published import assert_nothing_private, make_story

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


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
    assert "public" in response["Cache-Control"]
    assert "s-maxage" in response["Cache-Control"]
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
