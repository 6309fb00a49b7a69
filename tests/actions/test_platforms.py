"""Which platform brought a signer: the utm_source of the shared link they
followed travels in the form's hidden `platform` input, written per visitor
into cached pages as the stamp is (actions.middleware, core.finished), and is
recorded on the signature as the view counter records it (core.sharing)."""

import re

import pytest

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_started
from django.db import close_old_connections
from django.test import RequestFactory

from actions import stamps
from actions.models import LetterCompletion, Signature
from actions.wsgi import EnvelopeApplication
from core.finished import PageCacheApplication
from tests.actions.helpers import consent_shown, later, post_action, stamp_in
from tests.factories import LetterPageFactory, StoryIndexPageFactory
from tests.stories.published import make_story

GOOD = {
    "first_name": "Ana",
    "last_name": "Ruiz",
    "email": "ana@example.org",
    "postcode": "10001",
}
ESI_EDGE = {"Surrogate-Capability": 'varnish="ESI/1.0"'}
JUNK = ["<script>", "x" * 500, "blue sky!", ""]


@pytest.fixture
def story(home):
    return make_story(StoryIndexPageFactory(parent=home), person_name="Marcus Reed")


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    return settings


def hidden(html, name):
    """The value of the form's hidden input `name`, or None when it has none."""
    found = re.search(
        rf'<input type="hidden" name="{name}"( value="([^"]*)")? id="id_{name}">', html
    )
    assert found, f"no hidden {name} input"
    return found[2]


def sign(client, petition, html, **data):
    """Send the petition's form as the visitor's browser would, with the hidden
    inputs `html` gave them, once a person would have filled it in."""
    payload = {
        "fax": "",
        "shown": stamp_in(html),
        "source": hidden(html, "source") or "",
        "platform": hidden(html, "platform") or "",
        "consent_shown": consent_shown(),
        **GOOD,
        **data,
    }
    with later(settings.ACTION_MIN_FILL_SECONDS + 1):
        return client.post(petition.submit_url, payload, headers={"Sec-Fetch-Site": "same-origin"})


@pytest.mark.usefixtures("page_cache")
def test_a_signer_from_a_shared_link_is_recorded_with_its_platform_through_the_cache(
    client, petition, story
):
    address = f"{petition.url}?utm_source=Bluesky&from={story.pk}"
    first, second = client.get(address), client.get(address)
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    for response in (first, second):
        assert hidden(response.text, "platform") == "bluesky"
        assert hidden(response.text, "source") == str(story.pk)
    # The cache keeps one page for every visitor: another's link is their own.
    other = client.get(f"{petition.url}?utm_source=whatsapp")
    assert (other["X-Cache"], hidden(other.text, "platform")) == ("HIT", "whatsapp")
    assert hidden(client.get(petition.url).text, "platform") is None

    assert sign(client, petition, second.text).status_code == 302
    signature = Signature.objects.get()
    assert (signature.source_platform, signature.source_page_id) == ("bluesky", story.pk)


@pytest.fixture
def keeps_the_tests_connection():
    """As Django's test client does for its requests: a request handled by
    WSGIHandler itself must not close the test's connection, whose
    transaction must outlive it (close_old_connections would, on PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)


@pytest.mark.usefixtures("page_cache", "keeps_the_tests_connection")
def test_a_hit_answered_before_django_fills_the_platform_without_a_query(
    petition, story, django_assert_num_queries
):
    application = PageCacheApplication(WSGIHandler())

    def serve(url):
        environ = RequestFactory().get(url).environ
        body = b"".join(application(environ, lambda status, headers, exc_info=None: None))
        return body.decode()

    serve(petition.url)  # stored
    with django_assert_num_queries(0):
        html = serve(f"{petition.url}?from={story.pk}&utm_source=Bluesky")
    assert (hidden(html, "platform"), hidden(html, "source")) == ("bluesky", str(story.pk))


@pytest.mark.parametrize("junk", JUNK)
def test_a_junk_utm_source_is_dropped_and_the_signature_still_counts(client, petition, story, junk):
    html = client.get(petition.url, {"utm_source": junk, "from": story.pk}).text
    assert hidden(html, "platform") is None
    # Sent all the same, by hand: dropped, never an error.
    response = sign(client, petition, html, platform=junk)
    assert response.status_code == 302
    signature = Signature.objects.get()
    assert (signature.source_platform, signature.source_page_id) == ("", story.pk)


def test_a_platform_that_needs_normalising_is_stored_as_the_counter_keeps_it(client, petition):
    response = post_action(client, petition, {**GOOD, "platform": "  Blue Sky "})
    assert response.status_code == 302
    assert Signature.objects.get().source_platform == "blue-sky"


@pytest.mark.parametrize("signal", [{"DNT": "1"}, {"Sec-GPC": "1"}])
def test_a_signer_whose_browser_asks_not_to_be_tracked_is_kept_without_the_platform(
    client, petition, story, signal
):
    headers = {"Sec-Fetch-Site": "same-origin", **signal}
    data = {**GOOD, "platform": "bluesky", "source": story.pk}
    assert post_action(client, petition, data, headers=headers).status_code == 302
    signature = Signature.objects.get()
    assert (signature.source_platform, signature.email) == ("", GOOD["email"])


def test_a_form_shown_again_keeps_the_platform(client, petition):
    response = post_action(client, petition, {**GOOD, "platform": "bluesky"}, seconds_ago=0)
    assert response.status_code == 400  # too quick: asked once more
    assert hidden(response.text, "platform") == "bluesky"


def test_a_finished_letter_records_its_platform(client, action_index, story):
    letter = LetterPageFactory(parent=action_index)
    html = client.get(letter.url, {"utm_source": "WhatsApp", "from": story.pk}).text
    assert hidden(html, "platform") == "whatsapp"
    data = {"name": "Ana Ruiz", "town": "Chicago", "message": "Please act.", "platform": "whatsapp"}
    response = post_action(client, letter, {**data, "source": story.pk})
    assert response.status_code == 200
    completion = LetterCompletion.objects.get()
    assert (completion.source_platform, completion.source_page_id) == ("whatsapp", story.pk)


@pytest.mark.usefixtures("page_cache")
def test_an_esi_edge_s_include_carries_the_platform(client, petition, story):
    client.get(petition.url)  # stored
    response = client.get(f"{petition.url}?from={story.pk}&utm_source=Bluesky", headers=ESI_EDGE)
    # Read by the edge as it is written, so not as HTML: a bare ampersand.
    include = f"/actions/{petition.pk}/envelope/?from={story.pk}&utm_source=bluesky"
    assert f'<esi:include src="{include}"/>' in response.text
    # What the edge then asks for, of the view and of the application before Django.
    fragment = client.get(f"/actions/{petition.pk}/envelope/?from={story.pk}&utm_source=bluesky")
    assert (hidden(fragment.text, "platform"), hidden(fragment.text, "source")) == (
        "bluesky",
        str(story.pk),
    )
    application = EnvelopeApplication(None)
    environ = (
        RequestFactory()
        .get(f"/actions/{petition.pk}/envelope/", {"utm_source": "Bluesky", "from": story.pk})
        .environ
    )
    html = b"".join(application(environ, lambda status, headers: None)).decode()
    assert hidden(html, "platform") == "bluesky"
    assert stamps.read(stamp_in(html)).page_id == petition.pk
    junk = client.get(f"/actions/{petition.pk}/envelope/?utm_source=%3Cscript%3E").text
    assert hidden(junk, "platform") is None
