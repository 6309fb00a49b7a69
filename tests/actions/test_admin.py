"""Supporters' data in the admin: seen, searched, exported and erased only
with `actions.view_supporter_data`; counts for everyone; petitions with
signatures never deleted; consent wording kept once agreed to."""

import csv
import datetime
import io
import json

import openpyxl
import pytest

from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

from actions.admin_views import SignatureIndexView, SupporterCountsPanel
from actions.models import ConsentStatement, PetitionPage, Signature, SignUpSubmission
from actions.privacy import supporter_reference
from tests.admin import editor
from tests.factories import (
    ExonereeStoryPageFactory,
    LetterPageFactory,
    PetitionPageFactory,
    SignatureFactory,
    SignUpFormFieldFactory,
    SignUpPageFactory,
    StoryIndexPageFactory,
)

LIST = "/admin/signatures/"
PRIVACY = "/admin/supporter-data/"
ANSWERS = "/admin/form_answers/"
EXPORT = "/admin/supporter-data/export/"
ERASE = "/admin/supporter-data/erase/"
FORMULA = '=HYPERLINK("https://evil.example","Click")'


@pytest.fixture
def data(home, action_index, petition):
    story = ExonereeStoryPageFactory(parent=StoryIndexPageFactory(parent=home))
    signup = SignUpPageFactory(parent=action_index)
    SignUpFormFieldFactory(page=signup, label="Name")
    SignUpFormFieldFactory(page=signup, label="Email", field_type="email")
    ten_days_ago = timezone.now() - datetime.timedelta(days=10)
    return {
        "petition": petition,
        "second": PetitionPageFactory(parent=action_index),
        "signup": signup,
        "story": story,
        "ada": SignatureFactory(
            action=petition,
            first_name="Ada",
            last_name="Lovelace",
            email="ada@example.org",
            postcode="SW1A 1AA",
            opt_in=True,
            source_page=story,
        ),
        "grace": SignatureFactory(
            action=petition,
            first_name="Grace",
            last_name="Hopper",
            email="grace@example.org",
            postcode="10001",
            created_at=ten_days_ago,
        ),
        "mallory": SignatureFactory(
            action=petition,
            first_name=FORMULA,
            last_name="+Mallory",
            email="mallory@example.org",
            comment="@SUM(1+1)\x01",
        ),
        "submission": SignUpSubmission.objects.create(
            page=signup, form_data={"name": "Ada", "email": "ada@example.org"}
        ),
    }


EMAILS = ["ada@example.org", "grace@example.org", "mallory@example.org"]


def supporter_staff(django_user_model):
    """An editor who may also see supporters' data."""
    user = editor(django_user_model, "organiser")
    user.user_permissions.add(Permission.objects.get(codename="view_supporter_data"))
    return user


@pytest.fixture
def staff(client, django_user_model):
    client.force_login(supporter_staff(django_user_model))
    return client


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(editor(django_user_model))
    return client


def shows_no_email(response):
    html = b"".join(response.streaming_content) if response.streaming else response.content
    return not any(email.encode() in html for email in EMAILS)


# Without the permission


def test_visitors_are_sent_to_log_in(client, data):
    for url in [LIST, PRIVACY]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/admin/login/" in response.url


def test_an_editor_is_refused_every_supporter_data_view(editor_client, data):
    ada = data["ada"]
    gets = [
        LIST,
        LIST + "results/",
        LIST + "?export=csv",
        LIST + "?export=xlsx",
        f"{LIST}inspect/{ada.pk}/",
        PRIVACY,
        f"/admin/forms/submissions/{data['signup'].pk}/",
        ANSWERS,
        f"{ANSWERS}inspect/{data['submission'].pk}/",
    ]
    for url in gets:
        response = editor_client.get(url)
        assert response.status_code == 302, url
        assert response.url == "/admin/", url
        assert shows_no_email(response), url
    for url in [PRIVACY, EXPORT, ERASE]:
        response = editor_client.post(url, {"email": ada.email, "confirmed": "yes"})
        assert response.status_code == 302, url
        assert shows_no_email(response), url

    ada.refresh_from_db()
    assert ada.email == "ada@example.org"
    assert SignUpSubmission.objects.filter(pk=data["submission"].pk).exists()
    assert not ModelLogEntry.objects.filter(action__startswith="actions.").exists()


def test_an_editor_sees_counts_but_never_an_email_or_name(editor_client, data):
    pages = [
        "/admin/",
        f"/admin/pages/{data['petition'].pk}/edit/",
        f"/admin/pages/{data['signup'].pk}/edit/",
        "/admin/forms/",
    ]
    for url in pages:
        response = editor_client.get(url, follow=True)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert shows_no_email(response), url
        assert "Lovelace" not in html and "Hopper" not in html, url

    dashboard = editor_client.get("/admin/").content.decode()
    assert "3 signatures (2 in the last 7 days)" in dashboard
    assert "Supporter data requests" not in dashboard  # the menu
    assert LIST not in dashboard


# With the permission


def listed(response):
    assert response.status_code == 200
    return {signature.pk for signature in response.context["object_list"]}


def test_the_permission_is_granted_in_the_group_editor(admin_client, db):
    editors = Group.objects.get(name="Editors")
    html = admin_client.get(f"/admin/groups/edit/{editors.pk}/").content.decode()
    assert "Can see supporters’ names, emails and submissions" in html


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


def test_csv_export_has_every_row_and_neutralises_formulas(staff, data):
    response = staff.get(LIST, {"export": "csv"})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="signatures-')
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    by_email = {row["Email"]: row for row in rows}
    assert set(by_email) == set(EMAILS)
    mallory = by_email["mallory@example.org"]
    assert mallory["First name"] == "'" + FORMULA
    assert mallory["Last name"] == "'+Mallory"
    assert mallory["Comment"].startswith("'@SUM")
    ada = by_email["ada@example.org"]
    assert (ada["First name"], ada["Postcode or ZIP"], ada["Came from"]) == (
        "Ada",
        "SW1A 1AA",
        data["story"].title,
    )
    assert ada["Petition"] == data["petition"].title
    assert ada["Consent statement"] == str(ConsentStatement.current())


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"])
def test_every_formula_trigger_is_neutralised_in_csv(value):
    view = SignatureIndexView()
    assert view.preprocess_field_value("first_name", value, "csv") == "'" + value
    assert view.preprocess_field_value("last_name", "Smith-Jones", "csv") == "Smith-Jones"


def test_csv_export_follows_the_filters(staff, data):
    response = staff.get(LIST, {"export": "csv", "opt_in": "true"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["Email"] for row in rows] == ["ada@example.org"]


def test_xlsx_export_opens_and_keeps_formulas_as_text(staff, data):
    response = staff.get(LIST, {"export": "xlsx"})

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows())
    assert [cell.value for cell in rows[0]][:3] == ["First name", "Last name", "Email"]
    assert len(rows) == 4
    assert all(cell.data_type != "f" for row in rows for cell in row)
    mallory = next(row for row in rows if row[2].value == "mallory@example.org")
    assert (mallory[0].value, mallory[0].data_type) == (FORMULA, "s")
    assert mallory[4].value == "@SUM(1+1)"  # the control character dropped, not a failure


# 14:05:33 in UTC is 09:05 in New York, the default TIME_ZONE.
SIGNED = datetime.datetime(2026, 12, 1, 14, 5, 33, 123456, tzinfo=datetime.UTC)


def test_exports_write_times_to_the_minute_in_local_time_and_yes_or_no(staff, data):
    Signature.objects.filter(pk=data["ada"].pk).update(created_at=SIGNED)
    SignUpSubmission.objects.filter(pk=data["submission"].pk).update(submit_time=SIGNED)

    signatures = csv_rows(staff.get(LIST, {"export": "csv"}))
    ada = next(row for row in signatures if row["Email"] == "ada@example.org")
    assert ada["Signed (America/New_York)"] == "2026-12-01 09:05"
    assert ada["Anonymised (America/New_York)"] == ""
    assert ada["Wants updates"] == "Yes"
    grace = next(row for row in signatures if row["Email"] == "grace@example.org")
    assert grace["Wants updates"] == "No"

    sheet = xlsx_rows(staff.get(LIST, {"export": "xlsx"}))
    heading = [cell.value for cell in sheet[0]]
    ada = next(row for row in sheet if row[2].value == "ada@example.org")
    signed = ada[heading.index("Signed (America/New_York)")]
    assert signed.value == datetime.datetime(2026, 12, 1, 9, 5)
    assert signed.number_format == "yyyy-mm-dd hh:mm"
    assert ada[heading.index("Wants updates")].value == "Yes"

    answers = csv_rows(staff.get(ANSWERS, {"export": "csv"}))
    assert answers[0]["Sent (America/New_York)"] == "2026-12-01 09:05"
    sheet = xlsx_rows(staff.get(ANSWERS, {"export": "xlsx"}))
    assert [cell.value for cell in sheet[0]][1] == "Sent (America/New_York)"
    assert sheet[1][1].value == datetime.datetime(2026, 12, 1, 9, 5)

    form = f"/admin/forms/submissions/{data['signup'].pk}/"
    submissions = csv_rows(staff.get(form, {"export": "csv"}))
    assert submissions[0]["Submission date (America/New_York)"] == "2026-12-01 09:05"
    sheet = xlsx_rows(staff.get(form, {"export": "xlsx"}))
    heading = [cell.value for cell in sheet[0]]
    sent = sheet[1][heading.index("Submission date (America/New_York)")]
    assert sent.value == datetime.datetime(2026, 12, 1, 9, 5)
    assert sent.number_format == "yyyy-mm-dd hh:mm"


def csv_rows(response):
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def xlsx_rows(response):
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return list(workbook.active.iter_rows())


# Supporter data requests


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
    browser.force_login(supporter_staff(django_user_model))

    assert browser.get(EXPORT, {"email": "ada@example.org"}).status_code == 405
    assert browser.get(ERASE, {"email": "ada@example.org"}).status_code == 405
    forged = browser.post(ERASE, {"email": "ada@example.org", "confirmed": "yes"})
    assert forged.status_code == 403
    assert Signature.objects.filter(email="ada@example.org").exists()


# Dashboard


def test_the_dashboard_counts_in_four_queries(data, django_assert_num_queries):
    letter = LetterPageFactory(parent=data["petition"].get_parent())
    letter.completions.create()
    letter.completions.create(created_at=timezone.now() - datetime.timedelta(days=8))
    SignatureFactory(action=data["second"], source_page=data["story"])

    with django_assert_num_queries(4):
        counts = SupporterCountsPanel().get_context_data({})

    assert counts["signatures"] == {"total": 4, "recent": 3}
    assert counts["letters"] == {"total": 2, "recent": 1}
    by_title = {row["title"]: (row["unit"], row["total"]) for row in counts["actions"]}
    assert by_title[data["petition"].title] == ("signatures", 3)
    assert by_title[letter.title] == ("letters written", 2)
    assert by_title[data["signup"].title] == ("form submissions", 1)
    assert counts["stories"] == [
        {"source_page_id": data["story"].pk, "source_page__title": data["story"].title, "count": 2}
    ]


# Sign-up form submissions


def test_form_submissions_need_the_supporter_data_permission(staff, data):
    response = staff.get(f"/admin/forms/submissions/{data['signup'].pk}/")
    assert response.status_code == 200
    assert "ada@example.org" in response.content.decode()


def test_sign_up_submissions_export_neutralises_formulas(staff, data):
    SignUpSubmission.objects.create(
        page=data["signup"], form_data={"name": FORMULA, "email": "x@example.org"}
    )
    response = staff.get(f"/admin/forms/submissions/{data['signup'].pk}/?export=csv")
    text = b"".join(response.streaming_content).decode()
    assert "'" + FORMULA.replace('"', '""') in text
    assert "\n" + FORMULA not in text and "," + FORMULA not in text


def test_what_supporters_typed_is_escaped_in_the_admin(staff, data):
    signature = SignatureFactory(
        action=data["petition"], first_name="<script>alert(1)</script>", comment="<b>hi</b>"
    )
    for url in (LIST, f"{LIST}inspect/{signature.pk}/"):
        html = staff.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url


# Deleting pages


def test_deleting_a_signed_petition_warns_first_then_keeps_the_signatures(admin_client, data):
    petition = data["petition"]
    url = f"/admin/pages/{petition.pk}/delete/"

    confirmation = admin_client.get(url).content.decode()

    assert "Supporters sent 3 signatures to this page." in confirmation
    assert f'href="{LIST}?action={petition.pk}"' in confirmation
    assert "They are kept after it is deleted" in confirmation
    assert Signature.objects.filter(action=petition).count() == 3  # nothing happened yet

    assert admin_client.post(url).status_code == 302
    assert not PetitionPage.objects.filter(pk=petition.pk).exists()
    kept = Signature.objects.filter(email__in=EMAILS)
    assert kept.count() == 3
    assert {s.action_title for s in kept} == {petition.title}
    assert {s.petition_title for s in kept} == {f"{petition.title} (deleted)"}


def test_deleting_the_page_above_warns_about_every_action_below_it(admin_client, data):
    index = data["petition"].get_parent()

    confirmation = admin_client.get(f"/admin/pages/{index.pk}/delete/").content.decode()

    assert "3 signatures and 1 sign-up answer to this page or the pages below it" in confirmation
    admin_client.post(f"/admin/pages/{index.pk}/delete/")
    assert Signature.objects.filter(action=None).count() == 3
    assert SignUpSubmission.objects.get().form_title == data["signup"].title


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
    export = b"".join(staff.get(ANSWERS, {"export": "csv"}).streaming_content).decode()
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


def test_a_signed_petition_is_not_deleted_in_bulk(admin_client, data):
    index = data["petition"].get_parent()
    url = "/admin/bulk/wagtailcore/page/delete/"
    query = f"?id={data['petition'].pk}&next=/admin/pages/{index.pk}/"

    response = admin_client.post(url + query, follow=True)

    assert response.redirect_chain[0] == (f"/admin/pages/{index.pk}/", 302)
    assert "Delete those one at a time" in response.content.decode()
    assert PetitionPage.objects.filter(pk=data["petition"].pk).exists()


def test_a_petition_without_signatures_can_be_deleted(admin_client, data):
    unsigned = data["second"]
    confirmation = admin_client.get(f"/admin/pages/{unsigned.pk}/delete/").content.decode()
    assert "Supporters sent" not in confirmation
    response = admin_client.post(f"/admin/pages/{unsigned.pk}/delete/")
    assert response.status_code == 302
    assert not PetitionPage.objects.filter(pk=unsigned.pk).exists()


# Consent statements

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
