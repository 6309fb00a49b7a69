"""A page's views are counted once each, cached or not, by the request the
page makes (impact), with where they came from; and not at all for readers
who asked not to be, bots, staff and previews."""

import pytest

from django.test import Client

from impact.flush import write_counts
from impact.models import DailyPageViews, DailyViewSource
from tests.impact.conftest import counter_address, view
from tests.locale_factories import translate

pytestmark = pytest.mark.django_db


def figures(page):
    row = DailyPageViews.objects.filter(page=page).first()
    return (row.views, row.visitors) if row else (0, 0)


def test_a_page_served_from_the_page_cache_is_still_counted_once_per_view(
    store, story, client, settings
):
    settings.PAGE_CACHE_ENABLED = True
    first = client.get(story.url)
    second = client.get(story.url)
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    # The cached page names the page, the same for every reader.
    assert counter_address(second.text) == counter_address(first.text)
    for page in (first, second):
        answer = view(client, counter_address(page.text))
        assert answer.status_code == 200
        assert answer["Content-Type"] == "image/gif"
        assert answer["Cache-Control"] == "no-store"
        assert "X-Cache" not in answer
    # Another reader, with JavaScript: a beacon.
    beacon = view(client, counter_address(first.text), "post", REMOTE_ADDR="198.51.100.2")
    assert beacon.status_code == 204

    assert write_counts() == 3
    assert figures(story) == (3, 2)
    # Written once: a second run finds nothing more.
    assert write_counts() == 0
    assert figures(story) == (3, 2)


def test_views_are_added_to_the_day_s_figures_run_after_run(store, story, client):
    address = counter_address(client.get(story.url).text)
    view(client, address)
    write_counts()
    view(client, address)
    view(client, address, REMOTE_ADDR="198.51.100.2")
    write_counts()
    assert figures(story) == (3, 2)
    source = DailyViewSource.objects.get(page=story)
    assert (source.views, source.language, source.referrer_domain) == (3, "en", "")


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_DNT": "1"},
        {"HTTP_SEC_GPC": "1"},
        {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot)"},
        {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/130.0 Safari/537.36"},
        {"HTTP_USER_AGENT": "curl/8.5.0"},
        {"HTTP_USER_AGENT": ""},
        # Another site embedding the counter to inflate a page's figures.
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
    ],
    ids=["dnt", "gpc", "googlebot", "headless", "curl", "no-agent", "cross-site"],
)
def test_readers_who_ask_not_to_be_counted_and_bots_are_not_counted(store, story, client, headers):
    address = counter_address(client.get(story.url).text)
    # Answered exactly as a counted view: nobody learns whether they were.
    assert view(client, address, **headers).status_code == 200
    assert view(client, address, "post", **headers).status_code == 204
    assert write_counts() == 0
    assert not DailyPageViews.objects.exists()


def test_staff_are_not_counted_nor_are_previews(store, story, admin_client):
    page = admin_client.get(story.url)
    # Staff see the page as readers do, counter and all; their session says who they are.
    assert view(admin_client, counter_address(page.text)).status_code == 200
    preview = story.make_preview_request()
    assert preview.status_code == 200
    assert counter_address(preview.content.decode()) is None
    assert write_counts() == 0


def test_where_a_view_came_from_is_kept_by_domain_and_campaign_tags(store, story, client):
    address = counter_address(client.get(story.url).text)
    # With JavaScript: the referring site's domain and the link's tags.
    view(client, address + "&r=www.News.example.com&s=Bluesky&c=Spring Appeal", "post")
    # Without: the tags of the page's own address, which the browser sends.
    view(
        client,
        address,
        HTTP_REFERER=f"http://testserver{story.url}?utm_source=newsletter&utm_campaign=may&x=1",
    )
    # A link from this very site, junk tags, and another site's tags.
    view(client, address + "&r=testserver&s=%3Cscript%3E&c=" + "a" * 51, "post")
    view(client, address, HTTP_REFERER="https://elsewhere.example/?utm_source=theirs")
    write_counts()
    sources = DailyViewSource.objects.filter(page=story)
    fields = ("referrer_domain", "utm_source", "utm_campaign", "views")
    assert sorted(sources.values_list(*fields)) == [
        ("", "", "", 2),
        ("", "newsletter", "may", 1),
        ("news.example.com", "bluesky", "spring-appeal", 1),
    ]


def test_a_spanish_page_is_counted_in_spanish(store, story, client):
    spanish = translate(story, title="Marcus Reed (es)")
    page = client.get(spanish.url)
    assert "l=es" in counter_address(page.text)
    view(client, counter_address(page.text))
    write_counts()
    assert DailyViewSource.objects.get(page=spanish).language == "es"
    assert figures(spanish) == (1, 1)


def test_a_page_deleted_before_its_views_are_written_takes_them_with_it(store, story, client):
    address = counter_address(client.get(story.url).text)
    view(client, address)
    story.delete()
    assert write_counts() == 0
    assert not DailyPageViews.objects.exists()


def test_the_counter_costs_no_query(store, story, client, django_assert_num_queries):
    address = counter_address(client.get(story.url).text)
    with django_assert_num_queries(0):
        view(Client(), address)
        view(Client(), address, "post")
