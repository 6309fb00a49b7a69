"""A signature records the consent wording its signer was shown. A petition's
page is cached whole for a minute or so: a version saved meanwhile is one
they never read. The form carries back, signed, the version it showed; when
that version is gone, or the token is forged or from a form in another
language, the form is shown again with the current wording and asks to send
again, keeping what was typed."""

import re

import pytest

from actions.models import ConsentStatement, Signature
from tests.actions.delivery.helpers import SIGNER
from tests.actions.helpers import post_action
from tests.locale_factories import ConsentStatementFactory, SpanishConsentFactory, translate

pytestmark = pytest.mark.django_db


def consent_in(html):
    """The consent wording a form says it showed, as the visitor received it."""
    return re.search(r'name="consent_shown" value="([^"]+)"', html)[1]


def shown_form(client, page):
    """The token in `page`'s form, as a visitor is served it (maybe from a cache)."""
    response = client.get(page.url)
    assert response.status_code == 200
    return consent_in(response.text)


def test_the_form_says_which_version_it_shows(client, petition):
    current = ConsentStatement.current("en")
    assert ConsentStatement.shown_in(shown_form(client, petition), "en") == current


def test_a_version_saved_while_the_page_was_open_is_not_the_one_recorded(client, petition):
    shown = ConsentStatement.current("en")
    token = shown_form(client, petition)
    ConsentStatementFactory(text="A newer wording nobody signing now has read.")

    response = post_action(client, petition, {**SIGNER, "consent_shown": token})

    assert response.status_code == 302
    assert Signature.objects.get().consent == shown


def test_a_spanish_signature_records_the_spanish_version_it_was_shown(client, petition, settings):
    settings.WAGTAIL_I18N_ENABLED = True
    peticion = translate(petition, title="Libérenlos ya")
    shown = SpanishConsentFactory()
    token = shown_form(client, peticion)
    SpanishConsentFactory(text="Una versión más nueva que nadie ha leído.")

    data = {**SIGNER, "language": "es", "consent_shown": token}
    assert post_action(client, peticion, data).status_code == 302

    assert (Signature.objects.get().consent, Signature.objects.get().language) == (shown, "es")


def test_a_version_deleted_since_is_shown_again_as_it_is_now_and_nothing_is_lost(client, petition):
    gone = ConsentStatementFactory(text="Withdrawn before anyone agreed to it.")
    token = gone.shown_as("en")
    gone.delete()
    current = ConsentStatement.current("en")

    response = post_action(client, petition, {**SIGNER, "consent_shown": token})

    assert response.status_code == 400
    assert not Signature.objects.exists()
    html = response.text
    assert "What you agree to by signing has changed" in html
    assert current.text in html
    assert 'value="Ana"' in html and 'value="ana@example.org"' in html
    renewed = consent_in(html)
    assert ConsentStatement.shown_in(renewed, "en") == current

    response = post_action(client, petition, {**SIGNER, "consent_shown": renewed})
    assert response.status_code == 302
    assert Signature.objects.get().consent == current


@pytest.mark.parametrize("forged", ["1:en", "1:en:not-the-signature", "é" * 300])
def test_a_forged_token_is_asked_again(client, petition, forged):
    response = post_action(client, petition, {**SIGNER, "consent_shown": forged})
    assert response.status_code == 400
    assert "What you agree to by signing has changed" in response.text
    assert not Signature.objects.exists()


def test_the_token_of_a_form_in_another_language_is_asked_again(client, petition, settings):
    settings.WAGTAIL_I18N_ENABLED = True
    peticion = translate(petition, title="Libérenlos ya")
    english = ConsentStatement.current("en").shown_as("en")

    data = {**SIGNER, "language": "es", "consent_shown": english}
    response = post_action(client, peticion, data)

    assert response.status_code == 400
    assert not Signature.objects.exists()
    assert ConsentStatement.shown_in(consent_in(response.text), "es") is not None


def test_a_form_from_a_page_cached_before_it_said_its_version_records_the_current(client, petition):
    """For the minute after a release, pages cached before it carry no token."""
    ConsentStatementFactory()
    response = post_action(client, petition, {**SIGNER, "consent_shown": ""})
    assert response.status_code == 302
    assert Signature.objects.get().consent == ConsentStatement.current("en")
