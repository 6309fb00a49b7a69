"""The page cache as a visitor and a member of staff meet it: what is stored,
what is never stored, and the headers that tell browsers and the edge."""

import gzip
import time

import pytest

from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_started
from django.db import close_old_connections
from django.http import HttpResponse
from django.test import RequestFactory

from wagtail.models import PageViewRestriction

from actions import stamps
from core.finished import PageCacheApplication
from core.pagecache import CacheKey, PageCacheMiddleware, share
from core.purging import forget
from tests.actions.helpers import stamp_in
from tests.admin import sign_in
from tests.factories import ActionIndexPageFactory, PetitionPageFactory

pytestmark = pytest.mark.django_db


def test_a_second_visit_is_answered_from_the_cache_without_sql(
    client, site_pages, django_assert_num_queries
):
    url = site_pages["story"].url
    first = client.get(url)
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert int(second["Age"]) >= 0


def test_shared_pages_tell_browsers_a_minute_and_the_edge_longer(client, site_pages, settings):
    response = client.get(site_pages["story"].url)
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {
        "public",
        "max-age=60",
        f"s-maxage={settings.PAGE_CACHE_SECONDS}",
        "stale-while-revalidate=60",
        "stale-if-error=86400",
    }
    # The edge strips the cookies it doesn't need: a Vary on them would make
    # every visitor's copy their own.
    assert "cookie" not in response.get("Vary", "").lower()


def test_a_petition_and_the_home_page_keep_their_live_count_under_a_minute(client, home):
    petition = PetitionPageFactory(parent=ActionIndexPageFactory(parent=home))
    # The petition as an edge that fills its form's stamp (ESI) gets it: a
    # browser gets it stamped, and private (tests/actions/test_cached_forms.py).
    esi_edge = {"Surrogate-Capability": 'varnish="ESI/1.0"'}
    for url, headers in ((petition.url, esi_edge), (home.url, {})):
        directives = client.get(url, headers=headers)["Cache-Control"]
        assert "s-maxage=45" in directives
        assert "stale-while-revalidate=11" in directives


def test_a_browser_holding_the_page_is_told_it_has_not_changed(client, site_pages):
    url = site_pages["story"].url
    etag = client.get(url)["ETag"]
    for _ in range(2):  # once stored, then from the cache
        response = client.get(url, headers={"If-None-Match": etag})
        assert response.status_code == 304
        assert response.content == b""
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200


def test_a_head_request_shares_the_entry_without_a_body(client, site_pages):
    url = site_pages["story"].url
    length = len(client.get(url).content)
    response = client.head(url)
    assert response["X-Cache"] == "HIT"
    assert response.content == b""
    assert int(response["Content-Length"]) == length


def test_staff_are_never_served_a_cached_page_nor_fill_the_cache(client, site_pages, admin_user):
    url = site_pages["story"].url
    client.get(url)
    sign_in(client, admin_user)
    staff = client.get(url)
    assert "X-Cache" not in staff
    assert "public" not in staff.get("Cache-Control", "")
    client.logout()
    # What staff saw was not stored: the anonymous entry is still the one served.
    assert client.get(url)["X-Cache"] == "HIT"


def test_known_filters_share_an_entry_in_any_order_and_made_up_ones_add_none(client, site_pages):
    index = site_pages["index"].url
    assert client.get(f"{index}?theme=the-evidence&dna=yes")["X-Cache"] == "MISS"
    assert client.get(f"{index}?dna=yes&theme=the-evidence")["X-Cache"] == "HIT"
    for n in range(20):
        junk = client.get(f"{index}?dna=yes&utm_source={n}&theme=the-evidence&x{n}=1")
        assert junk["X-Cache"] == "HIT"
    # A filter the visitor changes is a page of its own.
    assert client.get(f"{index}?theme=the-evidence")["X-Cache"] == "MISS"


def test_the_page_sees_only_the_known_parameters(client, site_pages):
    index = site_pages["index"].url
    html = client.get(f"{index}?theme=the-evidence&utm_source=mail").content.decode()
    assert "utm_source" not in html


def test_errors_posts_and_password_protected_pages_are_never_stored(client, site_pages):
    for _ in range(2):
        assert "X-Cache" not in client.get("/no-such-page/")
    client.post(site_pages["story"].url)
    assert client.get(site_pages["story"].url)["X-Cache"] == "MISS"
    PageViewRestriction.objects.create(
        page=site_pages["theme"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    for _ in range(2):
        response = client.get(site_pages["theme"].url)
        assert "X-Cache" not in response
        assert "public" not in response.get("Cache-Control", "")


def test_a_response_that_sets_a_cookie_or_streams_is_not_stored():
    calls = []

    def view(request):
        calls.append(request)
        response = share(HttpResponse("<p>Hello</p>"))
        response.set_cookie("seen", "1")
        return response

    middleware = PageCacheMiddleware(view)
    for _ in range(2):
        response = middleware(RequestFactory().get("/cookie/"))
        assert "X-Cache" not in response
    assert len(calls) == 2


def test_a_response_that_does_not_say_public_is_not_stored():
    calls = []

    def view(request):
        calls.append(request)
        return HttpResponse("<p>Only yours</p>")

    middleware = PageCacheMiddleware(view)
    for _ in range(2):
        middleware(RequestFactory().get("/private/"))
    assert len(calls) == 2


def test_turned_off_the_cache_neither_answers_nor_stores(client, site_pages, settings):
    settings.PAGE_CACHE_ENABLED = False
    url = site_pages["story"].url
    for _ in range(2):
        assert "X-Cache" not in client.get(url)


def test_a_browser_that_takes_gzip_gets_its_own_compressed_copy(client, site_pages):
    url = site_pages["story"].url
    plain = client.get(url)
    client.get(url, headers={"Accept-Encoding": "gzip, br"})
    compressed = client.get(url, headers={"Accept-Encoding": "gzip, br"})
    assert compressed["X-Cache"] == "HIT"
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    again = client.get(url)
    assert "Content-Encoding" not in again
    assert again.content == plain.content


def test_a_hit_carries_the_security_headers_the_page_left_with(client, site_pages):
    url = site_pages["story"].url
    first = client.get(url)
    hit = client.get(url)
    assert hit["X-Cache"] == "HIT"
    for header in (
        "X-Content-Type-Options",
        "Referrer-Policy",
        "X-Frame-Options",
        "Content-Security-Policy",
        "Permissions-Policy",
        "Cross-Origin-Resource-Policy",
    ):
        assert hit[header] == first[header]


def test_an_edge_that_does_includes_is_served_by_the_cache_below_the_stamping(client, site_pages):
    url = site_pages["story"].url
    edge = {"Surrogate-Capability": 'varnish="ESI/1.0"'}
    client.get(url)  # stored as it leaves the site, for browsers
    first = client.get(url, headers=edge)
    assert first["X-Cache"] == "HIT"  # from the inner cache, which the browser's visit filled
    assert first.content == client.get(url).content


class TestBeforeDjango:
    """PageCacheApplication, which gunicorn runs (campaign.wsgi): a finished
    page's hit is answered before Django handles the request at all."""

    @pytest.fixture
    def serve(self):
        application = PageCacheApplication(WSGIHandler())
        handled = []

        def count(**kwargs):
            handled.append(kwargs)

        request_started.connect(count)
        # As Django's test client does: the test's transaction must outlive
        # the request (close_old_connections would close it on PostgreSQL).
        request_started.disconnect(close_old_connections)

        def serve(url, method="GET", **headers):
            environ = RequestFactory().generic(method, url, headers=headers).environ
            answer = {}

            def start_response(status, headers, exc_info=None):
                answer.update(status=status, headers=headers)

            body = b"".join(application(environ, start_response))
            answer["headers"] = dict(answer["headers"])
            return answer["status"], answer["headers"], body, len(handled)

        yield serve
        request_started.disconnect(count)
        request_started.connect(close_old_connections)

    def test_a_hit_is_answered_without_django_nor_sql(
        self, serve, site_pages, django_assert_num_queries
    ):
        url = site_pages["story"].url
        status, headers, first, handled = serve(url, accept_encoding="gzip")
        assert (status, headers["X-Cache"], handled) == ("200 OK", "MISS", 1)
        with django_assert_num_queries(0):
            status, headers, second, handled = serve(url, accept_encoding="gzip")
        assert (status, headers["X-Cache"], handled) == ("200 OK", "HIT", 1)
        assert headers["Content-Encoding"] == "gzip"
        assert headers["Content-Length"] == str(len(second))
        assert gzip.decompress(second) == gzip.decompress(first)
        tag = headers["ETag"]
        status, headers, body, handled = serve(url, accept_encoding="gzip", if_none_match=tag)
        assert (status, body, handled) == ("304 Not Modified", b"", 1)

    def test_a_page_with_a_form_is_answered_before_django_with_each_visitor_s_own_stamp(
        self, serve, home, django_assert_num_queries
    ):
        petition = PetitionPageFactory(parent=ActionIndexPageFactory(parent=home))
        # Stored by the first browser that takes gzip and the first that doesn't.
        status, headers, first, handled = serve(petition.url, accept_encoding="gzip")
        assert (headers["X-Cache"], handled) == ("MISS", 1)
        status, headers, plain, handled = serve(petition.url)
        assert (headers["X-Cache"], handled) == ("MISS", 2)
        seen = {stamp_in(gzip.decompress(first).decode()), stamp_in(plain.decode())}
        with django_assert_num_queries(0):
            for encoding in ("gzip", "gzip", "identity"):
                status, headers, body, handled = serve(
                    petition.url + "?from=42", accept_encoding=encoding
                )
                assert (status, headers["X-Cache"], handled) == ("200 OK", "HIT", 2)
                # One visitor's copy: no shared cache downstream may keep it.
                assert headers["Cache-Control"] == "private, no-cache"
                assert "ETag" not in headers
                assert headers["Content-Length"] == str(len(body))
                if encoding == "gzip":
                    assert headers["Content-Encoding"] == "gzip"
                    body = gzip.decompress(body)
                else:
                    assert "Content-Encoding" not in headers
                html = body.decode()
                assert "action-envelope" not in html
                assert 'name="source" value="42"' in html
                stamp = stamp_in(html)
                assert stamps.read(stamp).page_id == petition.pk
                seen.add(stamp)
        assert len(seen) == 5
        # The security headers the page left with, as on any hit.
        assert "default-src 'none'" in headers["Content-Security-Policy"]
        status, headers, body, handled = serve(petition.url, method="HEAD")
        assert (headers["X-Cache"], body) == ("HIT", b"")

    def test_staff_and_hosts_not_allowed_go_on_to_django(self, serve, site_pages, settings):
        url = site_pages["story"].url
        serve(url)
        *__, handled = serve(url, cookie=f"{settings.SESSION_COOKIE_NAME}=abc")
        assert handled == 2
        status, *__, handled = serve(url, host="attacker.example")
        assert (status, handled) == ("400 Bad Request", 3)


def stale_after_storing(*answers):
    """A page cache whose view gives `answers` in turn, after the first of
    them was stored and its lifetime has run out."""
    answers = list(answers)
    middleware = PageCacheMiddleware(lambda request: answers.pop(0))
    assert middleware(RequestFactory().get("/stale/"))["X-Cache"] == "MISS"
    key = CacheKey(RequestFactory().get("/stale/")).entry
    cache.set(key, {**cache.get(key), "fresh_until": time.time() - 1})
    return middleware


def test_a_page_past_its_lifetime_is_served_only_when_the_site_cannot_make_it_again():
    middleware = stale_after_storing(
        share(HttpResponse("<p>First</p>")),
        HttpResponse("The database is down", status=503),
        share(HttpResponse("<p>Second</p>")),
    )

    during_an_outage = middleware(RequestFactory().get("/stale/"))
    assert during_an_outage.status_code == 200
    assert during_an_outage["X-Cache"] == "STALE"
    assert during_an_outage.content == b"<p>First</p>"

    after = middleware(RequestFactory().get("/stale/"))
    assert (after["X-Cache"], after.content) == ("MISS", b"<p>Second</p>")


def test_a_purged_page_is_never_served_stale(django_capture_on_commit_callbacks):
    middleware = stale_after_storing(
        share(HttpResponse("<p>Unpublished since</p>")),
        HttpResponse("The database is down", status=503),
    )
    with django_capture_on_commit_callbacks(execute=True):
        forget(["http://testserver/stale/"])

    assert middleware(RequestFactory().get("/stale/")).status_code == 503
