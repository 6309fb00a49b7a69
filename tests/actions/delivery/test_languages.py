"""A Spanish signer is thanked in Spanish by the worker, once, whichever
language they sign in (the worker runs inside the test's transaction: see
this folder's conftest)."""

import pytest

from django.core import mail

from actions.models import Signature
from tests.actions.delivery.helpers import run_worker
from tests.actions.test_languages import languages_rendered, peticion, sign, translations_on
from tests.locale_factories import SPANISH_CONSENT, SpanishConsentFactory

__all__ = ["peticion", "translations_on"]  # fixtures, used by name

pytestmark = pytest.mark.django_db


def test_the_spanish_signer_is_thanked_in_spanish_by_the_worker(
    client, peticion, django_capture_on_commit_callbacks
):
    SpanishConsentFactory()
    sign(client, peticion, django_capture_on_commit_callbacks)
    assert mail.outbox == []

    with languages_rendered() as rendered:
        run_worker()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.extra_headers["Content-Language"] == "es"
    assert "Content-Language: es" in message.message().as_string()
    assert peticion.title in message.subject
    assert peticion.full_url in message.body
    assert SPANISH_CONSENT in message.body
    assert {name: language for name, language in rendered} == {
        "actions/email/confirmation_subject.txt": "es",
        "actions/email/confirmation.txt": "es",
    }


def test_one_signature_per_email_whichever_language_it_is_signed_in(
    client, petition, peticion, django_capture_on_commit_callbacks
):
    SpanishConsentFactory()
    first = sign(client, petition, django_capture_on_commit_callbacks)
    again = sign(client, peticion, django_capture_on_commit_callbacks, email="ANA@example.org")

    # The same friendly answer as a repeat in the same language: the thank-you.
    assert first.status_code == again.status_code == 302
    assert again["Location"].endswith("thanks/#thanks")
    assert Signature.objects.get().language == "en"
    assert [message.to for message in mail.outbox] == []  # none sent twice: see the worker
    run_worker()
    assert len(mail.outbox) == 1
