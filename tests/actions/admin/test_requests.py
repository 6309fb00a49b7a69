"""Supporter data requests: what is held about an address, downloaded or
erased, each logged without the address."""

import json

from django.test import Client

from wagtail.models import ModelLogEntry

from actions.models import Signature, SignUpSubmission
from actions.privacy import supporter_reference
from tests.actions.admin.helpers import ERASE, EXPORT, PRIVACY, supporter_staff
from tests.admin import sign_in


def test_staff_find_what_is_held_about_an_address(staff, data):
    assert "Supporter’s email address" in staff.get(PRIVACY).content.decode()

    response = staff.post(PRIVACY, {"email": " ADA@Example.org "})

    html = response.content.decode()
    assert response.status_code == 200
    assert f"Signed “{data['petition'].title}”" in html
    assert f"Sent the form “{data['signup'].title}”" in html
    assert EXPORT in html and ERASE in html


def test_an_invalid_address_is_explained(staff, data):
    response = staff.post(PRIVACY, {"email": "ada.example.org"})
    assert response.status_code == 200
    assert "is not a valid email address" in response.content.decode()
    for url in [EXPORT, ERASE]:
        response = staff.post(url, {"email": "ada.example.org", "confirmed": "yes"}, follow=True)
        assert response.redirect_chain == [(PRIVACY, 302)]
        assert "is not a valid email address" in response.content.decode()
    assert Signature.objects.filter(anonymised_at__isnull=False).count() == 0


def logged(action):
    entry = ModelLogEntry.objects.get(action=action)
    recorded = json.dumps([entry.label, entry.data, entry.message])
    assert "example.org" not in recorded.lower()
    return entry


def test_staff_download_everything_held_and_it_is_logged_without_the_address(
    staff, admin_client, data
):
    response = staff.post(EXPORT, {"email": "Ada@example.org"})

    reference = supporter_reference("ada@example.org")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="supporter-{reference}.json"'
    exported = json.loads(response.content)
    assert [s["email"] for s in exported["signatures"]] == ["ada@example.org"]
    assert len(exported["form_submissions"]) == 1
    entry = logged("actions.supporter_data.export")
    assert entry.data == {"supporter": reference, "signatures": 1, "submissions": 1}
    assert entry.user.username == "organiser"
    assert reference in entry.message
    history = admin_client.get("/admin/reports/site-history/").content.decode()
    assert "Export supporter data" in history and f"Supporter {reference}" in history


def test_erasing_asks_first_then_erases_and_logs(staff, data):
    confirm = staff.post(ERASE, {"email": "ada@example.org"})

    assert confirm.status_code == 200
    assert "1 signature:" in confirm.content.decode()
    assert 'name="confirmed" value="yes"' in confirm.content.decode()
    assert Signature.objects.filter(email="ada@example.org").exists()

    response = staff.post(ERASE, {"email": "ada@example.org", "confirmed": "yes"}, follow=True)

    reference = supporter_reference("ada@example.org")
    assert response.redirect_chain == [(PRIVACY, 302)]
    assert f"Erased supporter {reference}: 1 signature anonymised" in response.content.decode()
    data["ada"].refresh_from_db()
    assert data["ada"].email is None and data["ada"].anonymised_at
    assert not SignUpSubmission.objects.exists()
    assert data["petition"].signature_count() == 3
    assert logged("actions.supporter_data.erase").data["signatures"] == 1


def test_export_and_erase_take_only_a_post_with_a_csrf_token(django_user_model, data):
    browser = Client(enforce_csrf_checks=True)
    sign_in(browser, supporter_staff(django_user_model))

    assert browser.get(EXPORT, {"email": "ada@example.org"}).status_code == 405
    assert browser.get(ERASE, {"email": "ada@example.org"}).status_code == 405
    forged = browser.post(ERASE, {"email": "ada@example.org", "confirmed": "yes"})
    assert forged.status_code == 403
    assert Signature.objects.filter(email="ada@example.org").exists()
