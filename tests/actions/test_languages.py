"""A signature in Spanish: it records its language and the Spanish consent
wording it was shown, is thanked in Spanish, and counts towards one total
with the English signatures, once per email whichever language it is in."""

from contextlib import contextmanager

import pytest

from django.test.signals import template_rendered
from django.utils import translation

from actions.models import (
    ActionPage,
    ConsentStatement,
    LetterCompletion,
    Signature,
    SignUpSubmission,
)
from tests.actions.delivery.helpers import SIGNER
from tests.actions.helpers import post_action
from tests.factories import (
    LetterPageFactory,
    SignatureFactory,
    SignUpFormFieldFactory,
    SignUpPageFactory,
)
from tests.locale_factories import SPANISH_CONSENT, SpanishConsentFactory, translate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def translations_on(settings):
    # What the engineer adding the /es/ prefix turns on: pages have a locale.
    settings.WAGTAIL_I18N_ENABLED = True


@pytest.fixture
def peticion(petition):
    return translate(
        petition,
        title="Libérenlos ya",
        share_text="Firmé para que revisen cada condena. ¿Te unes?",
    )


@contextmanager
def languages_rendered():
    """(template name, active language) of every template rendered."""
    seen = []

    def record(sender, template, **kwargs):
        seen.append((template.name, translation.get_language()))

    template_rendered.connect(record)
    try:
        yield seen
    finally:
        template_rendered.disconnect(record)


def sign(client, page, django_capture_on_commit_callbacks, **fields):
    # The form as the Spanish page shows it: it says the language it is in.
    data = {**SIGNER, "language": page.content_language, **fields}
    with django_capture_on_commit_callbacks(execute=True):
        return post_action(client, page, data)


def test_a_spanish_signature_records_spanish_and_the_spanish_wording(
    client, peticion, django_capture_on_commit_callbacks
):
    english = ConsentStatement.current("en")
    wording = SpanishConsentFactory()

    response = sign(client, peticion, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    signature = Signature.objects.get()
    assert (signature.language, signature.consent) == ("es", wording)
    assert signature.consent.text == SPANISH_CONSENT
    assert signature.action_id == peticion.pk
    # English forms still show and record the English wording.
    assert ConsentStatement.current("en") == english


def test_without_spanish_wording_the_english_is_shown_and_recorded_as_english(
    client, peticion, django_capture_on_commit_callbacks
):
    """Never a form without consent wording: until staff add a Spanish
    version, Spanish forms show the English one, and the signature says that
    its signer read Spanish but agreed to the English words."""
    english = ConsentStatement.current("en")
    with translation.override("es"):
        assert peticion.action_form().consent == english

    sign(client, peticion, django_capture_on_commit_callbacks)

    signature = Signature.objects.get()
    assert (signature.language, signature.consent, signature.consent.language) == (
        "es",
        english,
        "en",
    )


def test_the_current_wording_is_kept_per_language_and_forgotten_when_one_is_added():
    english = ConsentStatement.current("en")
    assert ConsentStatement.current("es") == english  # the fallback, cached
    wording = SpanishConsentFactory()
    assert ConsentStatement.current("es") == wording
    assert ConsentStatement.current("es-mx") == wording
    assert ConsentStatement.current("en") == english


def test_the_thank_you_is_in_the_petitions_language_with_the_total_count(
    rf, petition, peticion, counts_shown
):
    SignatureFactory.create_batch(2, action=petition)
    SignatureFactory(action=peticion, language="es")

    with languages_rendered() as rendered:
        response = peticion.thanks_view(rf.get(f"{peticion.url}thanks/"))

    html = response.content.decode()
    assert {language for name, language in rendered if name == "actions/thanks.html"} == {"es"}
    assert "Firmé para que revisen cada condena." in html
    assert peticion.signature_count() == petition.signature_count() == 3
    assert 'value="3"' in html


def test_the_count_is_one_total_across_languages_on_pages_and_cards(petition, peticion):
    SignatureFactory.create_batch(3, action=petition)
    SignatureFactory.create_batch(2, action=peticion, language="es")

    assert petition.signature_count() == peticion.signature_count() == 5
    cards = {a.pk: a.signature_count for a in ActionPage.objects.with_counts()}
    assert cards == {petition.pk: 5, peticion.pk: 5}


def test_signatures_still_count_once_their_page_in_one_language_is_deleted(petition, peticion):
    SignatureFactory.create_batch(2, action=peticion, language="es")
    SignatureFactory(action=petition)

    peticion.delete()

    assert petition.signature_count() == 3


def test_letters_written_in_either_language_count_once_for_the_campaign(action_index):
    letter = LetterPageFactory(parent=action_index)
    carta = translate(letter, title="Escriba a su senadora")
    LetterCompletion.objects.create(action=letter)
    LetterCompletion.objects.create(action=carta)

    assert letter.completion_count() == carta.completion_count() == 2


def test_a_sign_up_in_spanish_records_its_language(client, action_index):
    signup = SignUpPageFactory(parent=action_index)
    SignUpFormFieldFactory(page=signup, label="Email", field_type="email")
    inscripcion = translate(signup, title="Voluntariado")
    # Wagtail's translation copies the form's fields with the page.
    assert inscripcion.form_fields.count() == 1

    response = post_action(client, inscripcion, {"email": "ana@example.org", "language": "es"})

    assert response.status_code == 200
    submission = SignUpSubmission.objects.get()
    assert (submission.page_id, submission.language) == (inscripcion.pk, "es")


def test_a_form_that_does_not_say_its_language_is_recorded_in_its_pages(
    client, peticion, django_capture_on_commit_callbacks
):
    # A page cached before forms carried their language.
    with django_capture_on_commit_callbacks(execute=True):
        post_action(client, peticion, SIGNER)

    assert Signature.objects.get().language == "es"
