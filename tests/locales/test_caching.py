"""The caches keep the languages apart by path (issue 16): no response that
shared caches keep varies on Accept-Language, an unprefixed address is
English whatever the browser asks for, and purging a Spanish page purges the
Spanish listings."""

import pytest

from core.showing import urls_showing

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/es/", "/stories.json", "/es/stories.json", "/search/?q=x"])
def test_shared_responses_do_not_vary_on_accept_language(client, both_languages, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert "accept-language" not in response.get("Vary", "").lower()


def test_an_unprefixed_address_is_english_whatever_the_browser_prefers(client, both_languages):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()


def test_the_page_cache_keeps_each_language(client, both_languages, settings):
    settings.PAGE_CACHE_ENABLED = True
    english, spanish = both_languages
    assert client.get(spanish.url)["X-Cache"] == "MISS"
    assert client.get(english.url)["X-Cache"] == "MISS"
    response = client.get(spanish.url, HTTP_ACCEPT_LANGUAGE="en")
    assert response["X-Cache"] == "HIT"
    assert "Historiaespañola" in response.content.decode()


def test_purging_a_spanish_story_purges_the_spanish_listings(both_languages):
    english, spanish = both_languages
    urls = {url.removeprefix("http://localhost") for url in urls_showing(spanish)}
    assert {
        spanish.url,
        spanish.get_parent().url,
        "/es/",
        "/es/stories/feed/",
        "/es/stories.json",
        "/es/stories.csv",
        "/es/search/",
        "/sitemap.xml",
        "/sitemap-es.xml",
    } <= urls
    assert not urls & {english.url, "/", "/stories.json", "/stories/feed/", "/search/"}
