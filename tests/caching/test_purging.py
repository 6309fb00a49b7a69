"""Fresh the moment staff publish: every change that a cached page shows
forgets that page, in the app's cache and at the edge (here, a real HTTP
server standing in for Varnish records the PURGE and BAN requests; the
Varnish test in tests/deploy runs the shipped configuration itself)."""

import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from django.core.management import call_command
from django.utils import timezone

from core.models import HeaderLink, NavigationSettings, OrganisationSettings
from tests.factories import StoryIndexPageFactory

pytestmark = pytest.mark.django_db


class Edge(BaseHTTPRequestHandler):
    received = []

    def _record(self):
        self.received.append((self.command, self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    do_PURGE = do_BAN = _record

    def log_message(self, *args):
        pass


@pytest.fixture
def edge(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Edge)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    Edge.received = []
    yield Edge.received
    server.shutdown()
    server.server_close()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change's on-commit purges, as its transaction's commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Cache"] == "HIT", url


def listings(site_pages):
    index = site_pages["index"].url
    return [
        site_pages["home"].url,
        index,
        f"{index}?theme=the-evidence",
        f"{index}?dna=yes&sort=years",
        site_pages["theme"].url,
        "/search/?q=Marcus",
        "/stories/feed/",
        "/sitemap.xml",
    ]


def test_publishing_a_story_refreshes_it_and_every_listing_that_shows_it(
    client, site_pages, committed
):
    story = site_pages["story"]
    warm(client, story.url, *listings(site_pages))
    story.person_name = "Marcus Reed, free after 11 years"
    with committed():
        story.save_revision().publish()
    response = client.get(story.url)
    assert response["X-Cache"] == "MISS"
    assert "free after 11 years" in response.content.decode()
    for url in listings(site_pages):
        response = client.get(url)
        assert response["X-Cache"] == "MISS", url
    index_html = client.get(site_pages["index"].url).content.decode()
    assert "free after 11 years" in index_html


def test_a_page_that_does_not_show_the_story_stays_cached(client, site_pages, committed, home):
    other_index = StoryIndexPageFactory(parent=home, slug="archive")
    warm(client, other_index.url)
    with committed():
        site_pages["story"].save_revision().publish()
    assert client.get(other_index.url)["X-Cache"] == "HIT"


def test_unpublishing_and_deleting_take_the_story_off_every_listing(client, site_pages, committed):
    story, index = site_pages["story"], site_pages["index"].url
    warm(client, story.url, index)
    with committed():
        story.unpublish()
    assert client.get(story.url).status_code == 404
    assert "Marcus Reed" not in client.get(index).content.decode()
    with committed():
        story.save_revision().publish()
    warm(client, story.url, index)
    with committed():
        story.delete()
    assert client.get(story.url).status_code == 404
    assert "Marcus Reed" not in client.get(index).content.decode()


def test_moving_a_story_forgets_its_old_address_and_its_old_listing(
    client, site_pages, committed, home
):
    story, index = site_pages["story"], site_pages["index"]
    archive = StoryIndexPageFactory(parent=home, slug="archive")
    old_url = story.url
    warm(client, old_url, index.url, archive.url)
    with committed():
        story.move(archive, pos="last-child")
    # Not the cached story: Wagtail's redirect to where it went.
    assert client.get(old_url)["Location"] == "/archive/marcus-reed/"
    assert "Marcus Reed" not in client.get(index.url).content.decode()
    assert "Marcus Reed" in client.get(archive.url).content.decode()


def test_a_scheduled_publication_refreshes_the_page_when_it_goes_live(
    client, site_pages, committed
):
    story = site_pages["story"]
    warm(client, story.url)
    story.person_name = "Marcus Reed, scheduled"
    revision = story.save_revision(approved_go_live_at=timezone.now() - timedelta(minutes=1))
    assert revision.approved_go_live_at is not None
    with committed():
        call_command("publish_scheduled", verbosity=0)
    assert "Marcus Reed, scheduled" in client.get(story.url).content.decode()


def test_settings_snippets_and_menus_refresh_every_page(client, site_pages, committed):
    urls = [site_pages["story"].url, site_pages["home"].url]
    site = site_pages["home"].get_site()
    changes = [
        lambda: OrganisationSettings.objects.update_or_create(
            site=site, defaults={"organisation_name": "Free the Innocent"}
        ),
        lambda: site_pages["factor"].save(),
        lambda: HeaderLink.objects.create(
            setting=NavigationSettings.for_site(site), url="https://shop.example.org/", label="Shop"
        ),
    ]
    for change in changes:
        warm(client, *urls)
        with committed():
            change()
        for url in urls:
            assert client.get(url)["X-Cache"] == "MISS"
    assert "Free the Innocent" in client.get(urls[0]).content.decode()


def test_publishing_purges_the_same_addresses_at_the_edge(edge, site_pages, committed):
    with committed():
        site_pages["story"].save_revision().publish()
    purged = {path for method, host, path in edge if method == "PURGE"}
    index = site_pages["index"].url
    for path in (site_pages["story"].url, index, "/", site_pages["theme"].url):
        assert path in purged
    for path in ("/stories/feed/", "/stories.csv", "/stories.json", "/sitemap.xml", "/search/"):
        assert path in purged
    assert {host for __, host, __ in edge} == {"localhost"}


def test_a_settings_change_bans_the_whole_site_at_the_edge(edge, site_pages, committed):
    organisation = OrganisationSettings.for_site(site_pages["home"].get_site())
    organisation.organisation_name = "Free the Innocent"
    with committed():
        organisation.save()
    assert ("BAN", "localhost", "/") in edge


def test_an_edge_that_is_down_does_not_stop_staff_publishing(settings, site_pages, committed):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9",  # nothing listens on the discard port
        }
    }
    with committed():
        site_pages["story"].save_revision().publish()
        OrganisationSettings.objects.update_or_create(
            site=site_pages["home"].get_site(), defaults={"organisation_name": "Still saved"}
        )
    assert OrganisationSettings.objects.get().organisation_name == "Still saved"


def test_a_setting_made_with_its_defaults_on_a_first_view_forgets_nothing(
    client, site_pages, committed
):
    warm(client, site_pages["story"].url)
    with committed():
        OrganisationSettings.for_site(site_pages["home"].get_site())  # created on first use
    assert client.get(site_pages["story"].url)["X-Cache"] == "HIT"


def test_a_story_given_a_new_slug_forgets_its_old_address_and_its_listing(
    client, site_pages, committed
):
    story, index = site_pages["story"], site_pages["index"]
    old_url = story.url
    warm(client, old_url, index.url)
    story.slug, story.person_name = "marcus-reed-exonerated", "Marcus Reed, exonerated"
    with committed():
        story.save_revision().publish()
    assert client.get(old_url).status_code in (301, 302, 404)
    assert "Marcus Reed, exonerated" in client.get(index.url).content.decode()
    assert client.get("/stories/marcus-reed-exonerated/").status_code == 200
