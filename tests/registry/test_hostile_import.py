"""The hostile corpus (tests/test_hostile_input.py) through the admin's
import of the Registry's download. A row is either imported, its text as sent
(runs of spaces and line breaks made one space), or skipped and named; a
file that can't be read imports nothing."""

import csv
import io

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile

from registry.importing import COLUMNS as REGISTRY_COLUMNS
from registry.models import CaseRecord
from tests.admin import sign_in, superuser
from tests.registry.files import registry_rows
from tests.test_hostile_input import HOSTILE, problems_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, django_user_model):
    return sign_in(client, superuser(django_user_model))


REGISTRY_TEXT = ["Last Name", "First Name", "Race", "Sex", "State", "County", "Sentence"]
REGISTRY_TYPED = [
    "Age",
    "Convicted",
    "Exonerated",
    "Posting Date",
    "Date of Crime Year",
    "F/MFE",
    "DNA",
    "Tags",
    "OM Tags",
]
REGISTRY_FIELDS = {
    "Last Name": "last_name",
    "First Name": "first_name",
    "Race": "race",
    "Sex": "sex",
    "State": "state",
    "County": "county",
    "Sentence": "sentence",
}


@pytest.mark.parametrize(
    "columns", [REGISTRY_TEXT, REGISTRY_TYPED], ids=["registry text", "registry typed"]
)
def test_every_column_of_the_registry_import_takes_the_corpus(staff, columns):
    good = {**registry_rows(1)[0], "Posting Date": "2020-01-02"}
    failures = []
    for value in HOSTILE:
        row = {**good, **dict.fromkeys(columns, value)}
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=REGISTRY_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerow(row)
        upload = SimpleUploadedFile(
            "registry.csv", out.getvalue().encode("utf-8", errors="surrogatepass")
        )
        response = staff.post("/admin/case_records/import/", {"file": upload})
        problems = problems_in(response, value)
        stored = list(CaseRecord.objects.all())
        if response.status_code >= 400 and stored:
            problems.append(f"refused with {response.status_code} but stored")
        elif stored and columns is REGISTRY_TEXT:
            (record,) = stored
            problems += [
                f"{column} stored as {getattr(record, field)[:40]!r}"
                for column, field in REGISTRY_FIELDS.items()
                if getattr(record, field) != " ".join(value.split())
            ]
        elif response.status_code == 200 and "Skipped:" not in response.content.decode():
            problems.append("nothing stored and no row named")
        failures += [f"{value[:40]!r}: {problem}" for problem in problems]
        CaseRecord.objects.all().delete()
    assert not failures, f"registry columns {columns}\n" + "\n".join(failures)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("registry.csv", b"Last Name,First Name\n\xff\xfe\x00bad,\x00\n"),
        ("registry.csv", b"\x00" * 1000),
        ("registry.csv", b""),
        ("registry.csv", b"Last Name\n" + b"a," * 100_000),
        ("registry.csv", b'Last Name,First Name\n"unterminated,Ana\n'),
        ("../../etc/passwd.csv", b"Last Name\nx\n"),
        ("registry.xlsx", b"PK\x03\x04 not really a workbook"),
        ("registry.xls", b"\xd0\xcf\x11\xe0 an old workbook"),
        ("registry.csv", b"<script>alert(1)</script>\nx\n"),
    ],
)
def test_a_hostile_registry_file_is_refused_cleanly(staff, name, content):
    response = staff.post(
        "/admin/case_records/import/", {"file": SimpleUploadedFile(name, content)}
    )
    assert 400 <= response.status_code < 500
    assert "<script>alert(1)</script>" not in response.content.decode(errors="replace")
    assert not CaseRecord.objects.exists()
