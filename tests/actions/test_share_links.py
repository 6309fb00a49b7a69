"""The thank-you's share links: each names its platform (utm_source) and the
page (utm_campaign), so that Reports → Impact shows which platforms bring
readers; the counter reads both (impact.beacon)."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

from core.sharing import utm_value
from tests.factories import PetitionPageFactory


def shared_addresses(html):
    """The address each share link shares, by the platform's host (or mailto):
    the `u` or `url` parameter, else the end of the suggested text."""
    links = re.search(r'<ul class="share-links">(.*?)</ul>', html, re.S)[1]
    found = {}
    for href in re.findall(r'href="([^"]+)"', links):
        link = urlsplit(unescape(href))
        query = parse_qs(link.query)
        shared = (query.get("u") or query.get("url") or query.get("text") or query["body"])[0]
        found[link.hostname or link.scheme] = shared.split()[-1]
    return found


def test_every_share_link_names_its_platform_and_the_page(client, action_index):
    petition = PetitionPageFactory(parent=action_index, slug="free-them")

    html = client.get(petition.url + "thanks/").content.decode()

    addresses = shared_addresses(html)
    sources = {host: parse_qs(urlsplit(url).query) for host, url in addresses.items()}
    assert sources == {
        "mailto": {"utm_source": ["email"], "utm_campaign": ["free-them"]},
        "wa.me": {"utm_source": ["whatsapp"], "utm_campaign": ["free-them"]},
        "bsky.app": {"utm_source": ["bluesky"], "utm_campaign": ["free-them"]},
        "www.facebook.com": {"utm_source": ["facebook"], "utm_campaign": ["free-them"]},
        "x.com": {"utm_source": ["x"], "utm_campaign": ["free-them"]},
    }
    assert all(url.startswith(petition.full_url + "?") for url in addresses.values())
    assert 'data-share-url="' + petition.share_address("share-sheet").replace("&", "&amp;") in html


def test_the_counter_keeps_every_platforms_name():
    for platform in ("share-sheet", "email", "whatsapp", "bluesky", "facebook", "x"):
        assert utm_value(platform) == platform
