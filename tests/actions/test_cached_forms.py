"""Action forms on pages cached whole keep every protection: each visitor's
form carries a stamp of their own, bound to its page and expiring, written
on the way out (actions.middleware) or by the edge through ESI."""

import pytest

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.test import Client, RequestFactory, override_settings

from actions import stamps
from actions.middleware import FormStampMiddleware, fill_markers
from actions.models import Signature
from tests.actions.helpers import later, post_action, shown, stamp_in
from tests.factories import (
    LetterPageFactory,
    PetitionPageFactory,
    SignUpFormFieldFactory,
    SignUpPageFactory,
)
from tests.queries import within_budget

GOOD = {
    "first_name": "Ana",
    "last_name": "Ruiz",
    "email": "ana@example.org",
    "postcode": "10001",
}
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}
STAMPER = "actions.middleware.FormStampMiddleware"
ESI_EDGE = {"Surrogate-Capability": 'varnish="ESI/1.0"'}


def send(client, page, stamp, data=GOOD, headers=SAME_ORIGIN, **extra):
    """POST the form as the visitor's browser would, with `stamp`."""
    payload = {"fax": "", "shown": stamp, **data}
    return client.post(page.submit_url, payload, headers=headers, **extra)


def as_cached(page, query=""):
    """The page's HTML as a shared cache holds it: rendered once, without the
    stamping middleware."""
    with override_settings(MIDDLEWARE=[name for name in settings.MIDDLEWARE if name != STAMPER]):
        response = Client().get(page.url + query)
    assert response.status_code == 200
    return response.content


def serve_cached(body, path, **headers):
    """One visitor's copy of a cached page: the stored `body`, through the
    stamping middleware as every request is, hit or miss."""

    def from_cache(request):
        response = HttpResponse(body, content_type="text/html; charset=utf-8")
        response["Cache-Control"] = "public, max-age=60, s-maxage=45"
        response["Content-Length"] = str(len(body))
        return response

    return FormStampMiddleware(from_cache)(RequestFactory().get(path, headers=headers))


def test_a_page_holds_a_marker_not_a_stamp_and_each_visitor_gets_their_own(petition):
    body = as_cached(petition)
    assert f"<!--action-envelope:{petition.pk}-->".encode() in body
    assert b'name="shown"' not in body
    first = serve_cached(body, petition.url).content.decode()
    second = serve_cached(body, petition.url).content.decode()
    assert stamp_in(first) != stamp_in(second)
    assert stamps.read(stamp_in(second)).page_id == petition.pk
    assert "action-envelope" not in first + second


def test_through_the_site_each_visitor_gets_their_own_stamp(client, petition):
    first, second = (client.get(petition.url) for _ in range(2))
    assert stamp_in(first.text) != stamp_in(second.text)
    assert "action-envelope" not in first.text
    # The page now holds one visitor's stamp: no shared cache may keep it.
    assert first["Cache-Control"] == "private, no-cache"
    assert int(first["Content-Length"]) == len(first.content)


def test_a_stamp_counts_from_when_this_visitor_was_served_the_cached_page(client, petition):
    body = as_cached(petition)
    with later(600):  # the page was cached ten minutes ago
        stamp = stamp_in(serve_cached(body, petition.url).text)
        response = send(client, petition, stamp)
    assert response.status_code == 400
    assert "automated signing" in response.text
    assert not Signature.objects.exists()
    with later(600 + settings.ACTION_MIN_FILL_SECONDS + 1):
        assert send(client, petition, stamp).status_code == 302
    assert Signature.objects.get().email == "ana@example.org"


def test_a_stamp_from_another_page_counts_as_none(client, petition, action_index):
    other = PetitionPageFactory(parent=action_index)
    response = send(client, other, shown(petition))
    assert response.status_code == 400
    assert "automated signing" in response.text
    # Renewed, not turned into an “asked once” stamp: pressing again at once
    # is still too fast.
    renewed = stamp_in(response.text)
    assert stamps.read(renewed).page_id == other.pk
    assert not stamps.read(renewed).asked_once
    assert send(client, other, renewed).status_code == 400
    # Nor does an “asked once” stamp travel.
    asked = shown(petition, asked_once=True)
    assert send(client, other, asked).status_code == 400
    assert send(client, petition, asked).status_code == 302
    assert Signature.objects.filter(action=other).count() == 0


def test_an_expired_stamp_counts_as_none(client, petition):
    too_old = settings.ACTION_STAMP_MAX_AGE + 1
    assert send(client, petition, shown(petition, too_old)).status_code == 400
    assert send(client, petition, shown(petition, too_old, asked_once=True)).status_code == 400
    assert not Signature.objects.exists()
    # Just within its time it still counts.
    just_in = settings.ACTION_STAMP_MAX_AGE - 60
    assert send(client, petition, shown(petition, just_in)).status_code == 302


@pytest.mark.parametrize(
    "stamp",
    [
        "",
        "not a stamp",
        # Signed with another key.
        "1:1700000000:abcdefgh:forged",
        "asked:1:1700000000:abcdefgh:forged",
    ],
)
def test_a_forged_stamp_counts_as_none(client, petition, stamp):
    assert send(client, petition, stamp).status_code == 400
    assert not Signature.objects.exists()


def test_a_stamp_changed_after_signing_counts_as_none(client, petition, action_index):
    other = PetitionPageFactory(parent=action_index)
    page_id, when, nonce, signature = shown(petition, 0).split(":")
    for page, changed in [
        (other, f"{other.pk}:{when}:{nonce}:{signature}"),  # moved to another page
        (petition, f"{page_id}:{int(when) - 3600}:{nonce}:{signature}"),  # made older
        (petition, f"asked:{page_id}:{when}:{nonce}:{signature}"),  # made “asked once”
    ]:
        assert send(client, page, changed).status_code == 400
    assert not Signature.objects.exists()


@override_settings(ACTION_RATE_LIMIT=1)
def test_the_other_guards_refuse_a_form_from_a_cached_page(client, petition):
    body = as_cached(petition)
    with later(-60):  # the visitor was served the page a minute ago
        stamp = stamp_in(serve_cached(body, petition.url).text)
    # The honeypot: thanked, nothing stored (and the address's one send used).
    assert send(client, petition, stamp, {**GOOD, "fax": "555-0100"}).status_code == 302
    # From another site.
    forged = send(client, petition, stamp, headers={"Origin": "https://evil.example"})
    assert forged.status_code == 403
    # Past the rate limit, however genuine the stamp.
    assert send(client, petition, stamp).status_code == 429
    assert not Signature.objects.exists()


def test_the_source_comes_from_each_visitors_own_link(petition, home):
    body = as_cached(petition)
    html = serve_cached(body, f"{petition.url}?from={home.pk}").text
    assert f'name="source" value="{home.pk}" id="id_source"' in html
    # Only digits are taken, as before.
    junk = serve_cached(body, f'{petition.url}?from="><script>').text
    assert '<input type="hidden" name="source" id="id_source">' in junk
    assert "<script>" not in junk


def test_a_form_shown_again_after_a_post_keeps_its_real_values(client, petition):
    response = post_action(client, petition, {**GOOD, "email": "nope"})
    assert response.status_code == 400
    assert "action-envelope" not in response.text
    assert stamp_in(response.text)


def test_an_edge_that_speaks_esi_gets_an_include_and_keeps_the_page(petition, home):
    body = as_cached(petition)
    response = serve_cached(body, f"{petition.url}?from={home.pk}", **ESI_EDGE)
    html = response.content.decode()
    include = f'<esi:include src="/actions/{petition.pk}/envelope/?from={home.pk}"/>'
    assert include in html
    assert 'name="shown"' not in html and "action-envelope" not in html
    assert response["Surrogate-Control"] == 'content="ESI/1.0"'
    # The edge may cache the page: only the include is asked for each view.
    assert response["Cache-Control"].startswith("public")
    assert int(response["Content-Length"]) == len(response.content)


def test_the_envelope_fragment_is_fresh_private_and_runs_no_query(client, petition, home):
    with within_budget(0, "the envelope fragment"):
        response = client.get(f"/actions/{petition.pk}/envelope/?from={home.pk}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert f'name="source" value="{home.pk}"' in response.text
    stamp = stamps.read(stamp_in(response.text))
    assert stamp.page_id == petition.pk and not stamp.asked_once
    # A stamp from it is a visitor's like any other: too fast at once, then fine.
    assert send(client, petition, stamp_in(response.text)).status_code == 400
    with later(settings.ACTION_MIN_FILL_SECONDS + 1):
        assert send(client, petition, stamp_in(response.text)).status_code == 302


def test_the_envelope_fragment_takes_only_a_page_id_and_get(client, petition):
    assert client.get("/actions/abc/envelope/").status_code == 404
    assert client.get("/actions/123456789012/envelope/").status_code == 404
    assert client.post(f"/actions/{petition.pk}/envelope/").status_code == 405
    junk = client.get(f"/actions/{petition.pk}/envelope/?from=1%20OR%201").text
    assert '<input type="hidden" name="source" id="id_source">' in junk


def test_a_letter_form_is_stamped_the_same_way(client, action_index):
    letter = LetterPageFactory(parent=action_index)
    assert f"<!--action-envelope:{letter.pk}-->".encode() in as_cached(letter)
    stamp = stamp_in(client.get(letter.url).text)
    assert stamps.read(stamp).page_id == letter.pk


@pytest.mark.parametrize(
    "make",
    [
        # Streamed: its body is never read.
        lambda body: StreamingHttpResponse(iter([body]), content_type="text/html"),
        # Not HTML.
        lambda body: HttpResponse(body, content_type="application/json"),
        # Already compressed by someone else.
        lambda body: HttpResponse(
            body, content_type="text/html", headers={"Content-Encoding": "br"}
        ),
    ],
    ids=["streaming", "json", "encoded"],
)
def test_other_responses_are_left_untouched(make):
    body = b"before <!--action-envelope:7--> after"
    original = make(body)
    original["Cache-Control"] = "public, s-maxage=600"
    response = FormStampMiddleware(lambda request: original)(RequestFactory().get("/"))
    assert response is original
    content = b"".join(response) if response.streaming else response.content
    assert content == body
    assert response["Cache-Control"] == "public, s-maxage=600"


def test_the_stamping_middleware_sits_outside_the_page_cache_inside_gzip():
    middleware = settings.MIDDLEWARE
    assert middleware.index("django.middleware.gzip.GZipMiddleware") < middleware.index(STAMPER)
    if "core.pagecache.PageCacheMiddleware" in middleware:
        assert middleware.index(STAMPER) + 1 == middleware.index(
            "core.pagecache.PageCacheMiddleware"
        )


def test_the_signers_thank_you_page_is_never_shared_and_counts_them(client, petition, counts_shown):
    response = post_action(client, petition, GOOD)
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "public" not in thanks.get("Cache-Control", "")
    assert "private" in thanks["Cache-Control"]
    assert "<strong>1</strong> signed" in thanks.text


def test_pages_with_a_live_count_are_shared_for_under_a_minute(action_index, petition):
    letter = LetterPageFactory(parent=action_index)
    for page in (action_index, petition, letter):
        assert page.cache_seconds <= 60


def test_a_marker_in_a_page_can_only_name_a_page_id():
    # A supporter's words shown back can't pass for a marker: the envelope is
    # the only thing that writes one, and every other `<!--` in a page is
    # escaped text or a template's own comment.
    body = b"<p>&lt;!--action-envelope:7--&gt;</p><!--action-envelope:x-->"
    response = serve_cached(body, "/")
    assert response.content == body
    assert response.get("Cache-Control") == "public, max-age=60, s-maxage=45"


@pytest.mark.parametrize(
    ("content", "expected", "filled"),
    [
        (b"<!--action-envelope:7-->", b"[7]", 1),
        (b"a<!--action-envelope:7-->b<!--action-envelope:12-->c", b"a[7]b[12]c", 2),
        # Not markers: no id, not digits, too long, unfinished.
        (b"<!--action-envelope:-->", b"<!--action-envelope:-->", 0),
        (b"<!--action-envelope:7x-->", b"<!--action-envelope:7x-->", 0),
        (b"<!--action-envelope:123456789012-->", b"<!--action-envelope:123456789012-->", 0),
        (b"<!--action-envelope:7", b"<!--action-envelope:7", 0),
        (b"<!--action-envelope:<!--action-envelope:7-->", b"<!--action-envelope:[7]", 1),
    ],
)
def test_markers_are_found_by_a_plain_search(content, expected, filled):
    assert fill_markers(content, lambda page_id: f"[{page_id}]".encode()) == (expected, filled)


@pytest.fixture
def page_cache(settings):
    """The app's page cache on (the test settings turn it off)."""
    settings.PAGE_CACHE_ENABLED = True
    return settings


@pytest.mark.usefixtures("page_cache")
def test_a_petition_from_the_page_cache_gives_each_visitor_their_own_stamp(client, petition, home):
    first = client.get(petition.url)
    with within_budget(0, "a cached petition, stamped"):
        second = client.get(f"{petition.url}?from={home.pk}")
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert stamp_in(first.text) != stamp_in(second.text)
    # Each with their own link's source, though the cache holds one page.
    assert '<input type="hidden" name="source" id="id_source">' in first.text
    assert f'name="source" value="{home.pk}"' in second.text
    for response in (first, second):
        assert response["Cache-Control"] == "private, no-cache"
        assert "ETag" not in response
        assert int(response["Content-Length"]) == len(response.content)

    # The second visitor's stamp started when they were served: sent at once,
    # it is too fast; a few seconds on, it is a person's.
    assert send(client, petition, stamp_in(second.text)).status_code == 400
    assert not Signature.objects.exists()
    with later(settings.ACTION_MIN_FILL_SECONDS + 1):
        assert send(client, petition, stamp_in(second.text)).status_code == 302
    assert Signature.objects.get().email == "ana@example.org"


@pytest.mark.usefixtures("page_cache")
def test_an_esi_edge_gets_the_cached_petition_with_an_include_and_may_keep_it(
    client, petition, home
):
    client.get(petition.url)  # stored
    response = client.get(f"{petition.url}?from={home.pk}", headers=ESI_EDGE)
    assert response["X-Cache"] == "HIT"
    assert f'<esi:include src="/actions/{petition.pk}/envelope/?from={home.pk}"/>' in response.text
    assert response["Surrogate-Control"] == 'content="ESI/1.0"'
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "s-maxage=45" in cache_control
    fragment = client.get(f"/actions/{petition.pk}/envelope/?from={home.pk}")
    assert "X-Cache" not in fragment  # never stored: each view gets a fresh stamp
    assert stamps.read(stamp_in(fragment.text)).page_id == petition.pk


@pytest.mark.usefixtures("page_cache")
def test_the_signers_thank_you_is_never_stored_and_counts_them(client, petition, counts_shown):
    client.get(petition.url)  # the petition page is cached, with no signature
    response = post_action(client, petition, GOOD)
    thanks = [client.get(response["Location"]) for _ in range(2)]
    assert [page.get("X-Cache") for page in thanks] == [None, None]
    assert all("public" not in page["Cache-Control"] for page in thanks)
    assert "<strong>1</strong> signed" in thanks[1].text


@pytest.mark.usefixtures("page_cache")
def test_letters_and_sign_ups_are_cached_and_stamped_per_visitor_too(client, action_index):
    sign_up = SignUpPageFactory(parent=action_index)
    SignUpFormFieldFactory(page=sign_up, label="Your name", field_type="singleline")
    for page in (LetterPageFactory(parent=action_index), sign_up):
        first, second = (client.get(page.url) for _ in range(2))
        assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
        assert stamp_in(first.text) != stamp_in(second.text)
        assert stamps.read(stamp_in(second.text)).page_id == page.pk
