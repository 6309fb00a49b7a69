"""bin/run points the site at the address it serves, so that its full links
(canonical, social cards, sitemap, feed, open data, emails) lead back to it."""

import io
import re

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import Site

from home.models import HomePage
from tests.factories import ExonereeStoryPageFactory, StoryIndexPageFactory

pytestmark = pytest.mark.django_db


def set_site_address(address):
    out = io.StringIO()
    call_command("set_site_address", address, stdout=out)
    return out.getvalue()


def test_it_sets_the_host_and_port_and_pages_link_to_them(client):
    story = ExonereeStoryPageFactory(parent=StoryIndexPageFactory(parent=HomePage.objects.get()))

    output = set_site_address("http://127.0.0.1:8121")

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8121)
    assert "now at http://127.0.0.1:8121" in output
    html = client.get(story.url, HTTP_HOST="127.0.0.1:8121").content.decode()
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
    assert canonical == f"http://127.0.0.1:8121{story.url}"
    assert f'<meta property="og:url" content="{canonical}">' in html
    sitemap = client.get("/sitemap-en.xml", HTTP_HOST="127.0.0.1:8121").content.decode()
    assert f"<loc>http://127.0.0.1:8121{story.url}</loc>" in sitemap


def test_a_second_run_changes_nothing():
    set_site_address("http://127.0.0.1:8000")

    assert "already at http://127.0.0.1:8000" in set_site_address("http://127.0.0.1:8000/")


def test_the_default_port_follows_the_scheme():
    set_site_address("https://example.org")

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("example.org", 443, "https://example.org")


@pytest.mark.parametrize(
    "address", ["127.0.0.1:8000", "ftp://example.org", "http://", "http://x:port", "http://x/a"]
)
def test_an_address_it_cannot_use_is_refused_with_a_message(address):
    with pytest.raises(CommandError, match=r"address|port"):
        set_site_address(address)
    assert Site.objects.get(is_default_site=True).hostname == "localhost"
