"""Importing the Registry's download: both formats, their cell shapes,
re-imports, duplicates, bad rows and dry runs."""

import datetime
import io
import json

import openpyxl
import pytest

from django.core.management import CommandError, call_command

from wagtail.search.backends import get_search_backend

from core.importers import run_job
from core.models import ImportJob
from registry.importing import COLUMNS, ImportFailed, import_registry
from registry.models import CaseRecord
from registry.signals import registry_imported
from tests.registry.files import newer_download, registry_rows, write_csv, write_xlsx

pytestmark = pytest.mark.django_db


def counts(result):
    return tuple(result.counts[name] for name in ("created", "updated", "unchanged"))


@pytest.mark.parametrize("kind", ["xlsx", "csv", "csv with BOM", "csv with US dates"])
def test_both_formats_import_every_field(tmp_path, rows, kind):
    path = tmp_path / ("registry.xlsx" if kind == "xlsx" else "registry.csv")
    if kind == "xlsx":
        write_xlsx(path, rows)
    else:
        write_csv(path, rows, bom="BOM" in kind, us_dates="US" in kind)

    result = import_registry(path)

    assert result.counts == {
        "created": 20, "updated": 0, "unchanged": 0, "duplicates": 0, "skipped": 0
    }  # fmt: skip
    assert result.problems == []
    first = rows[0]
    record = CaseRecord.objects.get(last_name=first["Last Name"])
    assert record.first_name == first["First Name"]
    assert record.age == (int(first["Age"]) if first["Age"] else None)
    assert record.state == first["State"]
    assert record.conviction_year == int(first["Convicted"])
    assert record.exoneration_year == int(first["Exonerated"])
    assert record.crime_year == (
        int(first["Date of Crime Year"]) if first["Date of Crime Year"] else None
    )
    assert record.posted_on == first["Posting Date"].date()
    assert record.tags == " ".join((first["Tags"] or "").split(";#"))
    assert record.factor_codes == [
        code for code in ("F/MFE", "FC", "ILD", "P/FA", "MWID", "OM") if first[code]
    ]
    assert record.dna == bool(first["DNA"])


def test_cells_as_the_registry_writes_them(tmp_path, rows):
    row = {
        **rows[0],
        "Age": " 23 ",
        "Convicted": "1995",
        "Exonerated": 2006.0,
        "Date of Crime Year": 1994.0,
        "Tags": "CIU;#IO;#NC;#P",
        "OM Tags": "OF;#WH;#NW",
        "F/MFE": "F/MFE",
        "FC": None,
        "DNA": "DNA",
        "County": None,
    }
    write_xlsx(tmp_path / "one.xlsx", [row])

    import_registry(tmp_path / "one.xlsx")

    record = CaseRecord.objects.get()
    assert (record.age, record.conviction_year, record.exoneration_year, record.crime_year) == (
        23, 1995, 2006, 1994
    )  # fmt: skip
    assert record.tags == "CIU IO NC P"
    assert record.misconduct_tags == "OF WH NW"
    assert [label for _, label in record.tag_labels][:2] == [
        "Conviction integrity unit",
        "Innocence organization",
    ]
    assert record.forensic_evidence and not record.false_confession and record.dna
    assert record.county == ""


def test_a_newer_download_updates_adds_and_counts_the_unchanged(tmp_path):
    rows = registry_rows(300)
    import_registry(write_xlsx(tmp_path / "first.xlsx", rows))
    newer = newer_download(rows, changed=25, added=10)

    result = import_registry(write_csv(tmp_path / "newer.csv", newer))

    assert counts(result) == (10, 25, 275)
    assert CaseRecord.objects.count() == 310
    assert CaseRecord.objects.filter(sentence__startswith="Released after").count() == 25
    assert counts(import_registry(tmp_path / "newer.csv")) == (0, 0, 310)


def test_a_duplicate_row_is_reported_and_imported_once(tmp_path, rows):
    repeated = {**rows[3], "Sentence": "Another sentence"}
    write_xlsx(tmp_path / "dup.xlsx", [*rows, repeated])

    result = import_registry(tmp_path / "dup.xlsx")

    assert result.counts["created"] == 20
    assert result.counts["duplicates"] == 1
    assert result.problems == [
        (
            22,
            "The same person, state, county and conviction year as row 5: "
            "imported once, from row 5.",
        )
    ]
    assert CaseRecord.objects.get(last_name=rows[3]["Last Name"]).sentence == rows[3]["Sentence"]


BAD_ROWS = [
    ({"Last Name": None}, "Last Name is empty."),
    ({"State": "  "}, "State is empty."),
    ({"Convicted": None, "Exonerated": None}, "Convicted and Exonerated are empty."),
    ({"Age": "twenty"}, "Age should be a number, not “twenty”."),
    ({"Convicted": "1995.5"}, "Convicted should be a whole number from 1900"),
    ({"Exonerated": "1800"}, "Exonerated should be a whole number from 1900"),
    ({"Convicted": "2010", "Exonerated": "2000"}, "Exonerated is before Convicted."),
    ({"Date of Crime Year": "2030"}, "Date of Crime Year should be a whole number"),
    ({"FC": "yes"}, "FC should be “FC” or empty, not “yes”."),
    ({"DNA": "no"}, "DNA should be “DNA” or empty, not “no”."),
    ({"Posting Date": "last week"}, "Posting Date should be a date"),
    ({"Tags": "CIU;#two words"}, "Tags: “two words” isn’t a code"),
    ({"County": "x" * 101}, "County is longer than 100 characters."),
]


@pytest.mark.parametrize(("change", "reason"), BAD_ROWS, ids=[r for _, r in BAD_ROWS])
def test_a_bad_row_is_skipped_with_its_row_number_and_reason(tmp_path, rows, change, reason):
    bad = {**rows[1], **change}
    write_csv(tmp_path / "bad.csv", [rows[0], bad, rows[2]])

    result = import_registry(tmp_path / "bad.csv")

    assert result.counts["created"] == 2
    assert result.counts["skipped"] == 1
    ((row, message),) = result.problems
    assert row == 3
    assert message.startswith("Skipped: " + reason)
    assert CaseRecord.objects.count() == 2


def test_a_dry_run_saves_nothing_and_reports_the_same_counts(tmp_path, rows):
    path = write_xlsx(tmp_path / "r.xlsx", [*rows, {**rows[0]}, {**rows[1], "Age": "x"}])
    dry = import_registry(path, dry_run=True)
    assert CaseRecord.objects.count() == 0
    real = import_registry(path)
    assert dry.counts == real.counts
    assert dry.problems == real.problems
    assert dry.dry_run and "Dry run, nothing saved" in dry.summary()


def test_the_signal_is_sent_after_commit_and_not_for_a_dry_run(
    tmp_path, rows, django_capture_on_commit_callbacks
):
    heard = []

    def receiver(sender, result, **kwargs):
        heard.append((sender, result.counts["created"]))

    registry_imported.connect(receiver)
    try:
        path = write_xlsx(tmp_path / "r.xlsx", rows)
        with django_capture_on_commit_callbacks(execute=True):
            import_registry(path, dry_run=True)
        assert heard == []
        with django_capture_on_commit_callbacks(execute=True):
            import_registry(path)
        assert heard == [(CaseRecord, 20)]
    finally:
        registry_imported.disconnect(receiver)


def test_progress_is_reported_with_the_total_known_up_front(tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", registry_rows(600))
    calls = []

    import_registry(path, progress=lambda done, total: calls.append((done, total)))

    assert calls == [(250, 600), (500, 600), (600, 600)]


def test_the_result_is_json_for_the_import_job(tmp_path, rows):
    write_csv(tmp_path / "r.csv", [rows[0], {**rows[1], "Age": "x"}])
    outcome = import_registry(tmp_path / "r.csv").as_json()
    assert json.loads(json.dumps(outcome)) == {
        "dry_run": False,
        "total_rows": 2,
        "counts": {"created": 1, "updated": 0, "unchanged": 0, "duplicates": 0, "skipped": 1},
        "problems": [{"row": 3, "message": "Skipped: Age should be a number, not “x”."}],
    }


def xlsx_bytes(header, rows=()):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


WHOLE_FILE_FAILURES = [
    ("empty.csv", b"", "The file is empty."),
    ("blank.xlsx", xlsx_bytes([]), "The file is empty"),
    ("header-only.csv", ",".join(COLUMNS).encode(), "no case records"),
    (
        "missing.csv",
        ",".join(c for c in COLUMNS if c != "OM").encode() + b"\nA",
        "missing “OM”",
    ),
    ("unknown.xlsx", xlsx_bytes([*COLUMNS, "Notes"], [["A"] * 23]), "unknown “Notes”"),
    ("repeated.csv", ",".join([*COLUMNS, "DNA"]).encode() + b"\nA", "repeated “DNA”"),
    ("registry.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old excel", "old Excel file"),
    ("registry.json", b"{}", "A .json file can’t be imported"),
    ("registry.xlsx", b"Last Name,First Name", "isn't an Excel workbook"),
    ("registry.csv", xlsx_bytes(list(COLUMNS)), "named .csv but holds a workbook"),
    ("registry.xlsx", b"PK\x03\x04 not really a workbook", "it is damaged"),
    ("latin1.csv", ",".join(COLUMNS).encode() + "\nNúñez".encode("latin-1"), "isn’t UTF-8"),
    ("nul.csv", b"\x00" * 100, "NUL characters"),
]


@pytest.mark.parametrize(
    ("name", "content", "message"), WHOLE_FILE_FAILURES, ids=[n for n, _, _ in WHOLE_FILE_FAILURES]
)
def test_a_file_that_cant_be_read_imports_nothing_with_one_message(
    tmp_path, name, content, message
):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(ImportFailed) as failure:
        import_registry(tmp_path / name)
    assert message.replace("'", "’") in failure.value.message.replace("'", "’")
    assert CaseRecord.objects.count() == 0


def test_an_open_file_or_bytes_import_too(tmp_path, rows):
    path = write_xlsx(tmp_path / "r.xlsx", rows)
    with open(path, "rb") as file:
        assert import_registry(file).counts["created"] == 20
    assert import_registry(path.read_bytes()).counts["unchanged"] == 20


def test_columns_in_another_order_and_cased_otherwise_are_read(tmp_path, rows):
    header = [column.upper() for column in reversed(COLUMNS)]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append([*header, None])
    sheet.append([rows[0][column] for column in reversed(COLUMNS)])
    workbook.save(tmp_path / "r.xlsx")

    import_registry(tmp_path / "r.xlsx")

    assert CaseRecord.objects.get().last_name == rows[0]["Last Name"]


def test_the_admin_search_finds_imported_records(tmp_path, rows):
    import_registry(write_xlsx(tmp_path / "r.xlsx", rows))
    # Bulk writes send no post_save: the import indexes the records itself.
    backend = get_search_backend()
    found = backend.search(rows[5]["Last Name"], CaseRecord)
    assert [record.last_name for record in found] == [rows[5]["Last Name"]]
    assert rows[5]["Last Name"] in {
        record.last_name for record in backend.autocomplete(rows[5]["Last Name"][:5], CaseRecord)
    }


def test_import_jobs_are_recorded_by_kind_registry(tmp_path, rows):
    call_command(
        "import_registry", str(write_xlsx(tmp_path / "r.xlsx", rows)), stdout=io.StringIO()
    )
    job = ImportJob.objects.get()
    assert (job.kind, job.status, job.dry_run, job.file_name) == (
        "registry",
        "done",
        False,
        "r.xlsx",
    )
    assert job.counts["created"] == 20 and job.total_rows == job.rows_done == 20
    assert job.finished_at >= job.started_at


def test_a_posting_date_may_be_a_date_or_a_text_date(tmp_path, rows):
    write_xlsx(
        tmp_path / "r.xlsx",
        [
            {**rows[0], "Posting Date": datetime.date(2020, 3, 4)},
            {**rows[1], "Posting Date": "2021-05-06"},
        ],
    )
    import_registry(tmp_path / "r.xlsx")
    assert sorted(CaseRecord.objects.values_list("posted_on", flat=True)) == [
        datetime.date(2020, 3, 4),
        datetime.date(2021, 5, 6),
    ]


def test_the_command_prints_counts_problems_and_time(tmp_path, rows):
    path = write_xlsx(tmp_path / "r.xlsx", [*rows, {**rows[0], "Age": "x"}])
    out = io.StringIO()

    call_command("import_registry", str(path), "--dry-run", stdout=out)

    text = out.getvalue()
    assert "row 22: Skipped: Age should be a number, not “x”." in text
    assert "Dry run, nothing saved: 20 created" in text
    assert "21 rows in " in text and " s." in text
    assert CaseRecord.objects.count() == 0
    assert ImportJob.objects.get().dry_run


def test_the_command_fails_on_a_file_it_cant_read_and_the_import_records_why(tmp_path):
    (tmp_path / "r.csv").write_bytes(b"Name,State\nA,B\n")

    with pytest.raises(CommandError, match=r"Nothing was imported\. The first row isn.t"):
        call_command("import_registry", str(tmp_path / "r.csv"))
    with pytest.raises(CommandError, match="Can’t read"):
        call_command("import_registry", str(tmp_path / "missing.xlsx"))

    # One import recorded (a file that isn't there never starts one), with
    # its one problem: as for stories, "done" with nothing saved.
    job = ImportJob.objects.get()
    assert (job.status, job.counts) == ("done", {})
    assert "Nothing was imported" in job.summary
    assert "missing “Last Name”" in job.problems[0][1]


def test_an_upload_s_job_is_run_and_recorded_by_the_worker(tmp_path, rows):
    data = write_xlsx(tmp_path / "r.xlsx", rows).read_bytes()
    job = ImportJob.objects.create(kind="registry", upload=data, file_name="r.xlsx")

    outcome = run_job(job)

    job.refresh_from_db()
    assert ImportJob.objects.count() == 1 and CaseRecord.objects.count() == 20
    assert (job.status, job.counts, job.rows_done) == ("done", outcome.counts, 20)
    assert job.upload is None  # the file is not kept


def test_each_changed_row_gets_every_column_that_changed_anywhere(tmp_path, rows):
    import_registry(write_xlsx(tmp_path / "r.xlsx", rows))
    newer = [dict(row) for row in rows]
    newer[0]["Race"] = "Sample race"
    newer[1]["Age"] = "61"
    newer[2]["OM Tags"] = "KP"

    assert counts(import_registry(write_xlsx(tmp_path / "newer.xlsx", newer))) == (0, 3, 17)

    def stored(row):
        return CaseRecord.objects.get(last_name=row["Last Name"])

    assert stored(newer[0]).race == "Sample race"
    assert stored(newer[1]).age == 61
    assert stored(newer[2]).misconduct_tags == "KP"
    assert stored(newer[3]).imported_at < stored(newer[0]).imported_at
