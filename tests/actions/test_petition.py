"""Signing a petition: stored exactly once, counted truly, never leaked, and
refused cleanly for bad input and bots."""

import datetime
import re

import pytest

from django.test import override_settings
from django.utils import timezone

from actions.models import ConsentStatement, Signature
from tests.actions.helpers import post_action, stamp_in
from tests.factories import ExonereeStoryPageFactory, SignatureFactory, StoryIndexPageFactory

GOOD = {
    "first_name": "Ana",
    "last_name": "Ruiz",
    "email": "ana@example.org",
    "postcode": "10001",
    "opt_in": "on",
}


def test_the_page_shows_the_statement_count_form_and_consent(client, petition, counts_shown):
    SignatureFactory.create_batch(3, action=petition)
    response = client.get(petition.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert petition.statement in html
    assert "<strong>3</strong> signed" in html
    assert f'action="{petition.submit_url}#error-summary"' in html
    assert ConsentStatement.current().text in html
    # Opt-in never pre-ticked; no CSRF token, so the page can be cached for all.
    assert 'name="opt_in"' in html and "checked" not in html
    assert "csrfmiddlewaretoken" not in html


def test_a_signature_is_stored_with_its_consent_and_source_then_thanked(
    client, petition, home, counts_shown
):
    response = post_action(client, petition, {**GOOD, "source": home.pk})
    assert response.status_code == 302
    assert response["Location"] == petition.url + "thanks/#thanks"
    signature = Signature.objects.get()
    assert (signature.first_name, signature.email, signature.opt_in) == (
        "Ana",
        "ana@example.org",
        True,
    )
    assert signature.consent == ConsentStatement.current()
    assert signature.source_page_id == home.pk
    assert abs(signature.created_at - timezone.now()) < datetime.timedelta(minutes=1)

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Thank you" in thanks.content.decode()
    assert "<strong>1</strong> signed" in thanks.content.decode()


def test_a_repeat_signature_in_any_case_is_thanked_the_same_and_not_counted(client, petition):
    first = post_action(client, petition, GOOD)
    again = post_action(client, petition, {**GOOD, "email": "ANA@Example.org", "first_name": "A"})
    assert again.status_code == first.status_code == 302
    assert again["Location"] == first["Location"]
    assert Signature.objects.count() == petition.signature_count() == 1
    assert Signature.objects.get().first_name == "Ana"  # the first signature stands


def test_the_same_email_may_sign_another_petition(client, petition, action_index):
    from tests.factories import PetitionPageFactory

    other = PetitionPageFactory(parent=action_index)
    post_action(client, petition, GOOD)
    post_action(client, other, GOOD)
    assert Signature.objects.count() == 2


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-email", "Enter a valid email address."),
        ("email", "a" * 250 + "@example.org", "Ensure this value has at most 254 characters"),
        ("first_name", "", "This field is required."),
        ("first_name", "x" * 101, "Ensure this value has at most 100 characters"),
        ("first_name", "Visit https://spam.example", "without links"),
        ("postcode", "<script>", "Enter a postcode or ZIP code"),
        ("postcode", "1" * 13, "Ensure this value has at most 12 characters"),
    ],
)
def test_bad_input_gets_a_clear_message_a_400_and_stores_nothing(
    client, petition, field, value, message
):
    response = post_action(client, petition, {**GOOD, field: value})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'aria-invalid="true"' in html
    assert "There is a problem" in html
    assert re.search(r"<title>\s*Error:", html)
    assert Signature.objects.count() == 0


def test_what_a_supporter_typed_is_escaped_when_shown_back(client, petition):
    response = post_action(client, petition, {**GOOD, "last_name": '"><script>alert(1)</script>'})
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_comments_only_where_the_page_allows_them(client, petition):
    post_action(client, petition, {**GOOD, "comment": "Ignored"})
    assert Signature.objects.get().comment == ""
    petition.allow_comment = True
    petition.save()
    Signature.objects.all().delete()
    assert 'name="comment"' in client.get(petition.url).content.decode()
    long = post_action(client, petition, {**GOOD, "comment": "x" * 1001})
    assert long.status_code == 400
    post_action(client, petition, {**GOOD, "comment": '=HYPERLINK("http://x")'})
    assert Signature.objects.get().comment == '=HYPERLINK("http://x")'  # stored as typed


def test_after_the_deadline_the_form_closes_and_says_so(client, petition):
    petition.deadline = timezone.now() - datetime.timedelta(days=1)
    petition.save()
    html = client.get(petition.url).content.decode()
    assert "closed on" in html
    assert f'action="{petition.submit_url}#error-summary"' not in html
    response = post_action(client, petition, GOOD)
    assert response.status_code == 410
    assert Signature.objects.count() == 0


def test_a_filled_honeypot_is_thanked_and_nothing_is_stored(client, petition):
    response = post_action(client, petition, {**GOOD, "fax": "555-0100"})
    assert response.status_code == 302
    assert Signature.objects.count() == 0


ASK_ONCE_MORE = (
    "To protect this petition from automated signing, please check your details and "
    "press “Sign the petition” again."
)


def test_a_form_sent_too_fast_is_shown_again_with_what_was_typed(client, petition):
    response = post_action(client, petition, GOOD, seconds_ago=1)
    html = response.content.decode()
    assert response.status_code == 400
    assert ASK_ONCE_MORE in html
    assert 'value="ana@example.org"' in html
    assert 'value="Ruiz"' in html
    assert re.search(r'name="opt_in"[^>]*checked', html)
    assert Signature.objects.count() == 0


def test_a_quick_send_with_mistakes_shows_only_the_mistakes(client, petition):
    response = post_action(client, petition, {**GOOD, "email": ""}, seconds_ago=0)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Email: This field is required." in html
    assert "automated signing" not in html
    # Corrected and sent again at once, it goes through: it was asked once.
    again = client.post(
        petition.submit_url,
        {**GOOD, "fax": "", "shown": stamp_in(html)},
        headers={"Sec-Fetch-Site": "same-origin"},
    )
    assert again.status_code == 302
    assert Signature.objects.count() == 1


def test_after_being_asked_once_a_quick_second_send_is_stored(client, petition):
    first = post_action(client, petition, GOOD, seconds_ago=0).content.decode()
    # Sent again at once, with the stamp the page came back with.
    second = client.post(
        petition.submit_url,
        {**GOOD, "fax": "", "shown": stamp_in(first)},
        headers={"Sec-Fetch-Site": "same-origin"},
    )
    assert second.status_code == 302
    assert Signature.objects.get().email == "ana@example.org"


def test_the_ask_once_more_message_names_each_forms_own_button(client, action_index):
    from tests.factories import LetterPageFactory, PetitionPageFactory

    pledge = PetitionPageFactory(parent=action_index, kind="pledge")
    letter = LetterPageFactory(parent=action_index)
    assert (
        "To protect this pledge from automated signing, please check your details and press "
        "“Take the pledge” again." in post_action(client, pledge, GOOD, seconds_ago=0).text
    )
    letter_html = post_action(
        client, letter, {"name": "Ana", "town": "Austin", "message": "Dear Senator,"}, seconds_ago=0
    ).text
    assert "press “Prepare my email” again." in letter_html
    assert "One more step" in letter_html


def test_a_bot_posting_twice_without_a_genuine_stamp_stores_nothing(client, petition):
    for _ in range(2):
        response = client.post(
            petition.submit_url,
            {**GOOD, "fax": "", "shown": "asked:1700000000:forged"},
            headers={"Sec-Fetch-Site": "same-origin"},
        )
        assert response.status_code == 400
    # Nor is a renewed stamp an “asked once” one: it still has to wait.
    again = client.post(
        petition.submit_url,
        {**GOOD, "fax": "", "shown": stamp_in(response.text)},
        headers={"Sec-Fetch-Site": "same-origin"},
    )
    assert again.status_code == 400
    assert Signature.objects.count() == 0


def test_a_failed_form_opens_on_its_focused_error_summary(client, petition):
    html = post_action(client, petition, {**GOOD, "email": "nope"}).text
    # The form posts to an address that opens the answer on the summary...
    assert f'action="{petition.submit_url}#error-summary"' in html
    summary = re.search(r"<div class=\"error-summary\"[^>]*>", html)[0]
    # ...which takes focus without JavaScript, and links each error to its field.
    assert 'id="error-summary"' in summary
    assert 'tabindex="-1"' in summary and "autofocus" in summary
    assert 'role="alert"' in summary
    assert '<a href="#id_email">Email: Enter a valid email address.</a>' in html


def test_a_missing_or_forged_form_stamp_stores_nothing(client, petition):
    response = client.post(
        petition.submit_url,
        {**GOOD, "fax": "", "shown": "1700000000:forged"},
        headers={"Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code == 400
    assert Signature.objects.count() == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "same-site", "Origin": "https://other.testserver"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
    ],
)
def test_a_form_posted_from_another_site_is_refused(client, petition, headers):
    response = post_action(client, petition, GOOD, headers=headers)
    assert response.status_code == 403
    assert "only be sent from this website" in response.content.decode()
    assert Signature.objects.count() == 0


def test_a_same_origin_post_needs_no_csrf_token(client, petition):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = post_action(strict, petition, GOOD, headers={"Origin": "http://testserver"})
    assert response.status_code == 302
    assert Signature.objects.count() == 1


@override_settings(ACTION_RATE_LIMIT=3)
def test_past_the_rate_limit_a_429_with_a_clear_message_and_nothing_stored(client, petition):
    for n in range(3):
        assert (
            post_action(client, petition, {**GOOD, "email": f"s{n}@example.org"}).status_code == 302
        )
    response = post_action(client, petition, {**GOOD, "email": "late@example.org"})
    assert response.status_code == 429
    assert "wait a little" in response.content.decode()
    assert Signature.objects.count() == 3
    # Another address is not affected.
    other = post_action(
        client, petition, {**GOOD, "email": "x@example.org"}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302


@override_settings(ACTION_RATE_LIMIT=1, TRUSTED_PROXY_HOPS=1)
def test_behind_a_router_the_limit_is_per_visitor_not_per_router(client, petition):
    def post(email, forwarded):
        return post_action(
            client, petition, {**GOOD, "email": email}, HTTP_X_FORWARDED_FOR=forwarded
        )

    assert post("a@example.org", "203.0.113.1").status_code == 302
    # A visitor can't escape by forging the header: the router appends the real address.
    assert post("b@example.org", "198.51.100.7, 203.0.113.1").status_code == 429
    assert post("c@example.org", "203.0.113.2").status_code == 302


def test_an_oversized_request_is_refused_with_413(client, petition):
    response = post_action(client, petition, {**GOOD, "comment": "x" * 40_000})
    assert response.status_code == 413
    assert Signature.objects.count() == 0


def test_only_post_and_only_live_actions(client, petition):
    assert client.get(petition.submit_url).status_code == 405
    petition.unpublish()
    assert post_action(client, petition, GOOD).status_code == 404
    assert client.post("/actions/999999/submit/", GOOD).status_code == 404


def test_attribution_to_a_page_that_does_not_exist_still_keeps_the_signature(client, petition):
    response = post_action(client, petition, {**GOOD, "source": "987654"})
    assert response.status_code == 302
    assert Signature.objects.get().source_page is None


def test_a_story_link_carries_its_page_into_the_form(client, petition, home):
    index = StoryIndexPageFactory(parent=home)
    story = ExonereeStoryPageFactory(parent=index)
    html = client.get(f"{petition.url}?from={story.pk}").content.decode()
    assert f'name="source" value="{story.pk}"' in html
