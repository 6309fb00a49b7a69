"""The national figures are computed in the database, all in one query
whatever the number of records."""

from datetime import UTC, datetime

import pytest

from core.models import ImportJob
from registry.models import CaseRecord
from registry.models.queries import median
from tests.queries import within_budget
from tests.registry_factories import CaseRecordFactory

pytestmark = pytest.mark.django_db


def test_the_summary_counts_factors_dna_and_years_lost():
    CaseRecordFactory(mistaken_identification=True, dna=True)  # 11 years lost
    CaseRecordFactory(mistaken_identification=True, official_misconduct=True, exoneration_year=1995)
    CaseRecordFactory(conviction_year=None)  # years lost unknown
    CaseRecordFactory(conviction_year=2005, exoneration_year=2001)  # an error: left out

    with within_budget(1):
        summary, __ = CaseRecord.objects.figures()

    assert summary["total"] == 4
    assert summary["dna"] == 1
    assert summary["mistaken_identification"] == 2
    assert summary["official_misconduct"] == 1
    assert summary["false_confession"] == 0
    assert summary["years_known"] == 2
    assert summary["years_lost"] == 11 + 5


def test_the_breakdowns_group_by_year_years_lost_state_and_crime_in_the_same_query():
    CaseRecordFactory(exoneration_year=2001, state="Texas", worst_crime="Robbery")
    CaseRecordFactory(exoneration_year=2001, state="Texas")
    CaseRecordFactory(exoneration_year=2003, conviction_year=1999, worst_crime="")
    CaseRecordFactory(exoneration_year=None)

    with within_budget(1):
        summary, found = CaseRecord.objects.figures()

    assert summary["total"] == 4
    assert found["year"] == {2001: 2, 2003: 1}
    assert found["years_lost"] == {11: 2, 4: 1}
    assert found["state"] == {"Texas": 2, "Illinois": 2}
    assert found["crime"] == {"Robbery": 1, "Murder": 2}


def test_the_date_of_the_data_is_the_last_finished_registry_import():
    record = CaseRecordFactory()
    assert CaseRecord.objects.figures()[0]["data_date"] == record.imported_at

    finished = datetime(2030, 5, 1, 12, tzinfo=UTC)
    ImportJob.objects.create(
        kind="registry", file_name="a.xlsx", status="done", finished_at=finished
    )
    # Neither a dry run, nor another kind of import, nor one still running.
    later = datetime(2031, 1, 1, tzinfo=UTC)
    ImportJob.objects.create(
        kind="registry", file_name="b.xlsx", status="done", dry_run=True, finished_at=later
    )
    ImportJob.objects.create(kind="stories", file_name="c.csv", status="done", finished_at=later)
    ImportJob.objects.create(kind="registry", file_name="d.xlsx", status="running")

    assert CaseRecord.objects.figures()[0]["data_date"] == finished


def test_no_records_no_figures():
    summary, breakdowns = CaseRecord.objects.figures()

    assert summary["total"] == 0
    assert summary["years_lost"] == 0
    assert summary["data_date"] is None
    assert breakdowns == {"year": {}, "years_lost": {}, "state": {}, "crime": {}}


@pytest.mark.parametrize(
    ("histogram", "expected"),
    [({}, None), ({5: 1}, 5), ({1: 1, 3: 1}, 2), ({1: 2, 10: 1}, 1), ({2: 1, 4: 2, 9: 1}, 4)],
)
def test_median_from_a_histogram(histogram, expected):
    assert median(histogram) == expected
