"""Consent statements: listed under Settings, and kept once agreed to."""

from actions.models import ConsentStatement

CONSENT = "/admin/snippets/actions/consentstatement/"


def test_consent_statements_are_listed_under_settings(admin_client, data):
    assert "Consent statements" in admin_client.get("/admin/").content.decode()
    response = admin_client.get(CONSENT)
    assert response.status_code == 200
    assert str(ConsentStatement.current()) in response.content.decode()


def test_agreed_consent_can_be_neither_edited_nor_deleted(admin_client, data):
    consent = ConsentStatement.current()
    text = consent.text

    edited = admin_client.post(f"{CONSENT}edit/{consent.pk}/", {"text": "Something else."})
    assert edited.status_code == 200
    assert "Supporters have already agreed to this wording" in edited.content.decode()

    deleted = admin_client.post(f"{CONSENT}delete/{consent.pk}/", follow=True)
    assert deleted.redirect_chain == [(CONSENT, 302)]
    assert "so it is kept with their signatures" in deleted.content.decode()
    consent.refresh_from_db()
    assert consent.text == text


def test_a_new_unused_version_can_be_deleted(admin_client, data):
    draft = ConsentStatement.objects.create(text="A draft wording.")
    response = admin_client.post(f"{CONSENT}delete/{draft.pk}/")
    assert response.status_code == 302
    assert not ConsentStatement.objects.filter(pk=draft.pk).exists()
