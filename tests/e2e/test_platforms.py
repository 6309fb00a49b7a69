"""With JavaScript on, a reader who came to a story by a link shared on
Bluesky and went on to sign is recorded as brought by Bluesky, even through
an edge that drops utm_* parameters from the addresses it asks the site for
(deploy/varnish.vcl): the story's call to action carries the tags on, and
the petition's form fills its platform from the address bar
(static/js/enhance.js)."""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from playwright.sync_api import expect

from actions.models import Signature
from home.models import HomePage
from stories.models import StoryRelatedAction
from tests.factories import ActionIndexPageFactory, PetitionPageFactory, stories_to_filter

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("forms_may_be_sent_at_once"),
]


def without_utm(url):
    """`url` as an edge that strips tracking parameters asks the site for it."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if not k.startswith("utm_")]
    return parts._replace(query=urlencode(query)).geturl()


def test_a_reader_from_bluesky_who_signs_is_counted_for_bluesky(page, live_server):
    home = HomePage.objects.get()
    story = stories_to_filter(home)
    petition = PetitionPageFactory(parent=ActionIndexPageFactory(parent=home))
    StoryRelatedAction.objects.create(page=story, action=petition, sort_order=0)
    asked = []

    def like_the_edge(route):
        asked.append(without_utm(route.request.url))
        route.continue_(url=without_utm(route.request.url))

    page.route(re.compile(r".*[?&]utm_"), like_the_edge)
    page.goto(f"{live_server.url}{story.url}?utm_source=bluesky&utm_campaign={story.slug}")
    call = page.get_by_role("link", name="Sign the petition")
    expect(call).to_have_attribute("href", re.compile(r"[?&]utm_source=bluesky(&|$)"))
    call.click()

    assert "utm_source=bluesky" in page.url
    # The site was never told: the form's platform came from the address bar.
    assert all("utm_" not in url for url in asked) and any(petition.url in u for u in asked)
    expect(page.locator("input[name=platform]")).to_have_value("bluesky")
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Lovelace")
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_label("Postcode or ZIP").fill("10001")
    page.get_by_role("button", name="Sign the petition").click()

    expect(page.get_by_role("heading", level=1, name="Thank you")).to_be_visible()
    signature = Signature.objects.get()
    assert (signature.source_platform, signature.source_page_id) == ("bluesky", story.pk)
