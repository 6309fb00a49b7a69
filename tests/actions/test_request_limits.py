"""What the action forms accept and refuse at their edges: a stamp that has
expired or belongs to another page, the request's size limit (from the
fields' own limits), an id too large for the database (a 404), and
contradictory origin headers."""

import time
from urllib.parse import urlencode

import pytest

from django.conf import settings
from django.core import signing
from django.test import override_settings

from actions import stamps
from actions.forms import EnvelopeForm, LetterForm, SignatureForm
from actions.models import LetterCompletion, Signature, SignUpSubmission
from actions.models.letter import LETTER_MAX_LENGTH
from actions.protection import max_request_bytes
from tests.actions.helpers import later, shown, stamp_in
from tests.factories import LetterPageFactory, volunteer_page

CJK = "冤"  # 3 bytes of UTF-8, 9 once percent-encoded
DOVE = "🕊"  # 4 bytes of UTF-8, 12 once percent-encoded
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}
GOOD = {"first_name": "Ana", "last_name": "Ruiz", "email": "ana@example.org", "postcode": "10001"}


def post_encoded(client, action, data, headers=SAME_ORIGIN):
    """POST as a browser sends a form: application/x-www-form-urlencoded."""
    body = urlencode({"fax": "", "shown": shown(action), **data})
    return client.post(
        action.submit_url, body, content_type="application/x-www-form-urlencoded", headers=headers
    )


def post_stamped(client, action, stamp, data=None):
    body = urlencode({"fax": "", "shown": stamp, **(data or GOOD)})
    return client.post(
        action.submit_url,
        body,
        content_type="application/x-www-form-urlencoded",
        headers=SAME_ORIGIN,
    )


@override_settings(ACTION_STAMP_MAX_AGE=600)
def test_a_stamp_expires_after_the_configured_age_however_it_is_sent(client, petition):
    stamp = shown(petition, 0)
    with later(601):
        assert post_stamped(client, petition, stamp).status_code == 400
    # Asked once more, the visitor gets a fresh stamp for the same page, which counts.
    with later(601):
        renewed = stamp_in(post_stamped(client, petition, stamp).text)
    assert stamps.read(renewed).page_id == petition.pk
    with later(601 + settings.ACTION_MIN_FILL_SECONDS + 1):
        assert post_stamped(client, petition, renewed).status_code == 302
    assert Signature.objects.count() == 1


def test_a_stamp_is_signed_as_djangos_own_signer_signs_it():
    # The stamp's signer prepares its HMAC once per process; the bytes must
    # stay Django's, so that stamps shown before a release still count after.
    stamp = stamps.make(7)
    django_signer = signing.Signer(salt=stamps.SALT, algorithm="sha256")
    assert django_signer.sign(django_signer.unsign(stamp)) == stamp
    assert stamps.read(django_signer.sign("7:1700000000:abcdefgh")).page_id == 7


def test_a_stamp_signed_before_the_key_was_rotated_still_counts_and_a_forged_one_does_not():
    stamp = stamps.make(7)
    old_key = settings.SECRET_KEY
    with override_settings(SECRET_KEY="a-new-key-" + "x" * 50, SECRET_KEY_FALLBACKS=[old_key]):
        assert stamps.read(stamp).page_id == 7
        assert stamps.read(stamps.make(7)).page_id == 7
    with override_settings(SECRET_KEY="another-key-" + "x" * 50, SECRET_KEY_FALLBACKS=[]):
        assert stamps.read(stamp) is None
    assert stamps.read(stamp).page_id == 7


def test_a_stamp_dated_in_the_future_counts_as_none(client, petition):
    # Signed by this site but not yet valid: a clock moved back, or a stamp
    # made ahead of time to be used later.
    future = stamps.make(petition.pk, asked_once=True, at=time.time() + 3600)
    assert post_stamped(client, petition, future).status_code == 400
    assert not Signature.objects.exists()


def test_a_stamp_for_a_letter_does_not_sign_a_petition(client, petition, action_index):
    letter = LetterPageFactory(parent=action_index)
    assert post_stamped(client, petition, shown(letter, asked_once=True)).status_code == 400
    assert not Signature.objects.exists()


@pytest.fixture
def volunteer(action_index):
    return volunteer_page(action_index)


VOLUNTEER = {
    "your_name": "Ana Ruiz",
    "your_email": "ana@example.org",
    "how_can_you_help": "Events",
    "how_often": "Weekly",
}


@pytest.mark.parametrize("character", [CJK, DOVE])
def test_a_sign_up_answer_of_2000_wide_characters_is_accepted_and_kept_whole(
    client, volunteer, character
):
    anything = character * 2000
    response = post_encoded(
        client, volunteer, {**VOLUNTEER, "anything_else_we_should_know": anything}
    )
    assert response.status_code == 200, response.content.decode()[:500]
    assert SignUpSubmission.objects.get().form_data["anything_else_we_should_know"] == anything


@pytest.mark.parametrize("character", [CJK, DOVE])
def test_a_letter_at_its_full_length_in_wide_characters_is_accepted(
    client, action_index, character
):
    letter = LetterPageFactory(parent=action_index)
    message = character * LETTER_MAX_LENGTH
    response = post_encoded(
        client, letter, {"name": character * 100, "town": character * 100, "message": message}
    )
    assert response.status_code == 200
    assert LetterCompletion.objects.filter(action=letter).count() == 1


def test_a_petition_comment_at_its_full_length_in_emoji_is_stored_as_sent(client, petition):
    petition.allow_comment = True
    petition.save()
    comment = DOVE * 1000
    data = {
        "first_name": DOVE * 100,
        "last_name": CJK * 100,
        "email": "ana@example.org",
        "postcode": "SW1A 1AA",
        "comment": comment,
    }
    assert post_encoded(client, petition, data).status_code == 302
    assert Signature.objects.get().comment == comment


def worst_case_body(*forms):
    """Every field of `forms` filled to its limit with 4-byte characters,
    every choice ticked, encoded as a browser would."""
    pairs = []
    for form in forms:
        for name, field in form.fields.items():
            choices = [str(value) for value, _label in getattr(field, "choices", ())]
            if choices:
                pairs += [(name, value) for value in choices]
            else:
                pairs.append((name, DOVE * (getattr(field, "max_length", None) or 255)))
    return urlencode(pairs).encode()


def test_the_limit_holds_every_field_at_its_limit_in_the_widest_characters(
    petition, action_index, volunteer
):
    letter = LetterPageFactory(parent=action_index)
    envelope = EnvelopeForm(page_id=petition.pk)
    for forms in [
        (envelope, SignatureForm(action=petition)),
        (envelope, LetterForm()),
        (envelope, volunteer.action_form()),
    ]:
        assert len(worst_case_body(*forms)) <= max_request_bytes(*forms)
    # and grows with what the page asks: a letter allows more than the old 16 KB
    assert max_request_bytes(envelope, letter.action_form()) > 12 * LETTER_MAX_LENGTH


def test_more_than_the_fields_allow_is_refused_with_413_and_a_clear_message(client, volunteer):
    response = post_encoded(
        client, volunteer, {**VOLUNTEER, "anything_else_we_should_know": "x" * 200_000}
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert "more than this form can take" in html
    assert "Back button" in html
    assert SignUpSubmission.objects.count() == 0


@pytest.mark.parametrize("path", ["submit", "envelope"])
@pytest.mark.parametrize("page_id", ["9223372036854775808", "9" * 40])
def test_an_id_beyond_any_page_is_not_found(db, client, path, page_id):
    # 2**63: one past SQLite's integers, where the lookup raised OverflowError.
    url = f"/actions/{page_id}/{path}/"
    response = client.post(url, headers=SAME_ORIGIN) if path == "submit" else client.get(url)
    assert response.status_code == 404


def test_a_source_id_beyond_any_page_still_keeps_the_signature(client, petition):
    data = {
        "first_name": "Ana",
        "last_name": "Ruiz",
        "email": "ana@example.org",
        "postcode": "10001",
        "source": "9223372036854775808",
    }
    assert post_encoded(client, petition, data).status_code == 302
    assert Signature.objects.get().source_page is None


@pytest.mark.parametrize("fetch_site", ["cross-site", "same-site"])
def test_another_site_claiming_this_sites_origin_is_refused(client, petition, fetch_site):
    # No browser sends this pair: a same-origin form says same-origin.
    headers = {"Sec-Fetch-Site": fetch_site, "Origin": "http://testserver"}
    response = post_encoded(client, petition, GOOD, headers=headers)
    assert response.status_code == 403
    assert Signature.objects.count() == 0


@override_settings(CSRF_TRUSTED_ORIGINS=["https://act.example.org"])
def test_a_trusted_origin_may_still_send_from_another_site(client, petition):
    headers = {"Sec-Fetch-Site": "same-site", "Origin": "https://act.example.org"}
    assert post_encoded(client, petition, GOOD, headers=headers).status_code == 302
    headers = {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example.org"}
    refused = post_encoded(client, petition, {**GOOD, "email": "b@example.org"}, headers=headers)
    assert refused.status_code == 403
    assert Signature.objects.count() == 1
