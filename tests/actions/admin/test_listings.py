"""Signatures and form answers listed, searched, filtered and inspected, never
added, edited or deleted, and kept after their page is deleted."""

import csv
import datetime
import io

import pytest

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from actions.models import ConsentStatement, Signature, SignUpSubmission
from tests.actions.admin.helpers import ANSWERS, ERASE, LIST, PRIVACY, listed
from tests.factories import SignatureFactory


def test_staff_find_supporters_in_the_menu_and_list(staff, data):
    menu = staff.get("/admin/").content.decode()
    assert "Supporter data requests" in menu and LIST in menu

    response = staff.get(LIST)
    html = response.content.decode()
    assert listed(response) == {data["ada"].pk, data["grace"].pk, data["mallory"].pk}
    assert "ada@example.org" in html and "Ada Lovelace" in html
    assert data["story"].title in html
    assert f"{LIST}inspect/{data['ada'].pk}/" in html


def test_staff_search_by_full_name_email_or_postcode(staff, data):
    assert listed(staff.get(LIST, {"q": "ada lovelace"})) == {data["ada"].pk}
    assert listed(staff.get(LIST, {"q": "GRACE@example"})) == {data["grace"].pk}
    assert listed(staff.get(LIST, {"q": "sw1a"})) == {data["ada"].pk}
    assert listed(staff.get(LIST, {"q": "ada hopper"})) == set()


def test_staff_filter_by_action_opt_in_status_date_and_source(staff, data):
    other = SignatureFactory(action=data["second"])
    everyone = {data["ada"].pk, data["grace"].pk, data["mallory"].pk}
    week_ago = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()

    assert listed(staff.get(LIST, {"action": data["second"].pk})) == {other.pk}
    assert listed(staff.get(LIST, {"opt_in": "true"})) == {data["ada"].pk}
    assert listed(staff.get(LIST, {"delivery_status": "off", "action": data["petition"].pk})) == (
        everyone
    )
    assert listed(staff.get(LIST, {"delivery_status": "failed"})) == set()
    assert listed(staff.get(LIST, {"created_at_to": week_ago})) == {data["grace"].pk}
    assert listed(staff.get(LIST, {"created_at_from": week_ago})) == everyone - {
        data["grace"].pk
    } | {other.pk}
    assert listed(staff.get(LIST, {"source_page": data["story"].pk})) == {data["ada"].pk}


def test_staff_inspect_a_signature_with_its_consent(staff, data):
    response = staff.get(f"{LIST}inspect/{data['ada'].pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "ada@example.org" in html and "SW1A 1AA" in html
    assert ConsentStatement.current().text[:40] in html


def test_signatures_are_never_added_edited_or_deleted_in_the_admin(admin_client, data):
    assert admin_client.get(LIST).status_code == 200  # superusers pass
    for view in ["add", "edit", "delete", "copy", "history"]:
        with pytest.raises(NoReverseMatch):
            reverse(f"signatures:{view}", args=[data["ada"].pk] if view != "add" else [])
    for url in ["new/", f"edit/{data['ada'].pk}/", f"delete/{data['ada'].pk}/"]:
        assert admin_client.get(LIST + url).status_code == 404
    assert admin_client.post(LIST + f"delete/{data['ada'].pk}/").status_code == 404
    assert Signature.objects.count() == 3


def test_signatures_of_a_deleted_petition_stay_listed_exported_and_erasable(staff, data):
    petition = data["petition"]
    SignatureFactory(action=data["second"], first_name="Bea")
    data["second"].delete()
    petition.delete()

    listing = staff.get(LIST).content.decode()
    assert "Ada" in listing and f"{petition.title} (deleted)" in listing
    export = b"".join(staff.get(LIST + "?export=csv").streaming_content).decode()
    assert f"{petition.title} (deleted)" in export
    by_petition = staff.get(LIST, {"deleted_petition": petition.title}).content.decode()
    assert "Ada" in by_petition and "Bea" not in by_petition
    inspect = staff.get(f"{LIST}inspect/{data['ada'].pk}/").content.decode()
    assert f"{petition.title} (deleted)" in inspect
    found = staff.post(PRIVACY, {"email": "ada@example.org"}).content.decode()
    assert f"Signed “{petition.title} (deleted)”" in found
    response = staff.post(ERASE, {"email": "ada@example.org", "confirmed": "yes"})
    assert response.status_code == 302
    assert Signature.objects.get(pk=data["ada"].pk).email is None


def test_form_answers_outlive_their_form_and_are_listed_searched_and_inspected(staff, data):
    signup = data["signup"]
    SignUpSubmission.objects.create(
        page=signup, form_data={"name": "<b>Bo</b>", "email": "bo@example.org"}
    )
    SignUpSubmission.objects.create(page=signup, form_data={"ok": True, "name": "Cy", "days": []})
    assert SignUpSubmission.objects.get(form_data__name="Cy").answers() == [
        ("name", "Cy"),  # the form's own questions first, in its order
        ("days", "—"),
        ("ok", "Yes"),
    ]
    title = signup.title
    signup.delete()

    listing = staff.get(ANSWERS).content.decode()
    assert "ada@example.org · Ada" in listing and f"{title} (deleted)" in listing
    found = staff.get(ANSWERS, {"q": "bo@example"}).content.decode()
    assert "bo@example.org" in found and "ada@example.org" not in found
    kept = staff.get(ANSWERS, {"deleted_form": title}).content.decode()
    assert "ada@example.org" in kept
    inspect = staff.get(f"{ANSWERS}inspect/{data['submission'].pk}/").content.decode()
    assert "<strong>name</strong><br>Ada" in inspect
    export = b"".join(staff.get(ANSWERS, {"export": "csv"}).streaming_content).decode("utf-8-sig")
    rows = {row["Answers"]: row for row in csv.DictReader(io.StringIO(export))}
    # Without the form, by name: PostgreSQL keeps no order of JSON keys.
    assert rows["email: ada@example.org; name: Ada"]["Form"] == f"{title} (deleted)"
    assert "days: —; name: Cy; ok: Yes" in rows
    held = staff.post(PRIVACY, {"email": "ada@example.org"}).content.decode()
    assert f"Sent the form “{title} (deleted)”" in held
    bo = SignUpSubmission.objects.get(form_data__name="<b>Bo</b>")
    assert "&lt;b&gt;Bo&lt;/b&gt;" in staff.get(f"{ANSWERS}inspect/{bo.pk}/").content.decode()
    for view in ["add", "edit", "delete"]:
        with pytest.raises(NoReverseMatch):
            reverse(f"form_answers:{view}", args=[bo.pk])
