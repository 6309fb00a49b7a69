"""A story's “Share this story” links: plain links, one per platform, each
sharing the story's address tagged with the platform (utm_source) and the
story (utm_campaign = its slug), with the story's share text, in the
story's language. The same include as an action's thank-you page."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

from tests.actions.test_share_links import shared_addresses
from tests.factories import ExonereeStoryPageFactory, StoryIndexPageFactory
from tests.locale_factories import translate

PLATFORMS = {
    "mailto": "email",
    "wa.me": "whatsapp",
    "bsky.app": "bluesky",
    "www.facebook.com": "facebook",
    "x.com": "x",
}


def share_block(html):
    found = re.search(
        r'<section class="story__share" aria-labelledby="story-share-title">(.*?)</section>',
        html,
        re.S,
    )
    assert found, "no share block"
    return found[1]


def suggested_texts(block):
    """The text each link suggests, by the platform's host (Facebook's takes
    none: it reads the page's own description)."""
    texts = {}
    for href in re.findall(r'href="([^"]+)"', block):
        link = urlsplit(unescape(href))
        query = parse_qs(link.query)
        text = (query.get("text") or query.get("body") or [""])[0]
        # WhatsApp, Bluesky and email put the address after the text.
        texts[link.hostname or link.scheme] = text.rsplit(" http", 1)[0]
    return texts


def make(home, **fields):
    index = StoryIndexPageFactory(parent=home)
    return ExonereeStoryPageFactory(parent=index, slug="marcus-reed", **fields)


def test_each_link_names_its_platform_and_the_story(client, home):
    story = make(home, summary="Marcus lost 14 years.")
    html = client.get(story.url).text
    block = share_block(html)

    assert '<h2 id="story-share-title">Share this story</h2>' in html
    addresses = shared_addresses(block)
    assert set(addresses) == set(PLATFORMS)
    for host, url in addresses.items():
        assert url.startswith(story.full_url + "?")
        assert parse_qs(urlsplit(url).query) == {
            "utm_source": [PLATFORMS[host]],
            "utm_campaign": ["marcus-reed"],
        }
    # Plain links: nothing from another site is loaded, and no script is needed.
    assert "<script" not in block and "<img" not in block and "<iframe" not in block
    assert all('rel="noopener"' in link for link in re.findall(r"<a [^>]*https[^>]*>", block))


def test_the_links_suggest_the_share_text_else_the_summary(client, home):
    story = make(home, summary="Marcus lost 14 years.", share_text="Read what happened to Marcus.")
    texts = suggested_texts(share_block(client.get(story.url).text))
    assert texts == {
        "mailto": "Read what happened to Marcus.",
        "wa.me": "Read what happened to Marcus.",
        "bsky.app": "Read what happened to Marcus.",
        "www.facebook.com": "",
        "x.com": "Read what happened to Marcus.",
    }
    story.share_text = ""
    story.save_revision().publish()
    texts = suggested_texts(share_block(client.get(story.url).text))
    assert texts["bsky.app"] == texts["mailto"] == "Marcus lost 14 years."


def test_a_spanish_story_shares_in_spanish(client, home):
    english = make(home, summary="Marcus lost 14 years.")
    english.save_revision().publish()
    spanish = translate(
        english, summary="Marcus perdió 14 años.", share_text="Lea lo que le pasó a Marcus."
    )
    html = client.get(spanish.url).text
    block = share_block(html)

    assert "Comparta esta historia" in html
    assert ">Correo electrónico</a>" in block
    assert ">Compartir…</button>" in block
    assert suggested_texts(block)["wa.me"] == "Lea lo que le pasó a Marcus."
    for host, url in shared_addresses(block).items():
        assert url.startswith(spanish.full_url + "?")
        assert "/es/" in url
        assert parse_qs(urlsplit(url).query)["utm_source"] == [PLATFORMS[host]]
