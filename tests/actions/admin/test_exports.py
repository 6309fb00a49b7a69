"""CSV and XLSX exports of what supporters sent: every row, formulas kept as
text, times to the minute in local time."""

import csv
import datetime
import io

import openpyxl
import pytest

from actions.admin.viewsets import SignatureIndexView
from actions.models import ConsentStatement, Signature, SignUpSubmission
from tests.actions.admin.helpers import ANSWERS, EMAILS, FORMULA, LIST, csv_rows, xlsx_rows


def test_csv_export_has_every_row_and_neutralises_formulas(staff, data):
    response = staff.get(LIST, {"export": "csv"})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="signatures-')
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
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
    assert ada["Language"] == "English"


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"])
def test_every_formula_trigger_is_neutralised_in_csv(value):
    view = SignatureIndexView()
    assert view.preprocess_field_value("first_name", value, "csv") == "'" + value
    assert view.preprocess_field_value("last_name", "Smith-Jones", "csv") == "Smith-Jones"


def test_csv_export_follows_the_filters(staff, data):
    response = staff.get(LIST, {"export": "csv", "opt_in": "true"})
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
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
    assert answers[0]["Language"] == "English"
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


def test_sign_up_submissions_export_neutralises_formulas(staff, data):
    SignUpSubmission.objects.create(
        page=data["signup"], form_data={"name": FORMULA, "email": "x@example.org"}
    )
    response = staff.get(f"/admin/forms/submissions/{data['signup'].pk}/?export=csv")
    text = b"".join(response.streaming_content).decode()
    assert "'" + FORMULA.replace('"', '""') in text
    assert "\n" + FORMULA not in text and "," + FORMULA not in text


@pytest.mark.parametrize("export", ["signatures", "form answers", "a form's submissions"], ids=str)
def test_every_csv_export_starts_with_a_utf8_byte_order_mark_for_excel(staff, data, export):
    # Without it Excel shows “José Núñez” as “JosÃ© NÃºÃ±ez”.
    Signature.objects.filter(pk=data["ada"].pk).update(first_name="José", last_name="Núñez")
    url = {
        "signatures": LIST,
        "form answers": ANSWERS,
        "a form's submissions": f"/admin/forms/submissions/{data['signup'].pk}/",
    }[export]
    body = b"".join(staff.get(url, {"export": "csv"}).streaming_content)
    assert body[:3] == b"\xef\xbb\xbf"
    assert body.count(b"\xef\xbb\xbf") == 1
    if export == "signatures":
        assert "José,Núñez" in body.decode("utf-8-sig")
