"""A petition's way to its goal, and when it will get there at the period's pace."""

import datetime

import pytest

from impact.progress import Progress, live_petitions
from tests.factories import PetitionPageFactory
from tests.impact.figures import TODAY, days_ago, signed
from tests.queries import within_budget

pytestmark = pytest.mark.django_db


def progress(total, in_period, goal=100, days=7):
    per_day = [(days_ago(n), 0) for n in range(days - 1, -1, -1)]
    per_day[-1] = (TODAY, in_period)
    return Progress(
        pk=1, title="Free them", goal=goal, total=total, before=total - in_period, per_day=per_day
    )


def test_the_goal_is_projected_at_the_periods_pace():
    # 14 in 7 days: 2 a day; 60 to go: 30 days.
    assert progress(40, 14).projected(TODAY) == TODAY + datetime.timedelta(days=30)
    assert progress(40, 14).projection(TODAY) == "10 Apr 2026"
    # A part of a day still takes the day.
    assert progress(99, 7, days=7).projected(TODAY) == TODAY + datetime.timedelta(days=1)


def test_without_signatures_in_the_period_the_goal_is_not_reached_at_this_rate():
    assert progress(40, 0).projected(TODAY) is None
    assert progress(40, 0).projection(TODAY) == "not at this rate"


def test_a_goal_met_is_reached():
    assert progress(100, 0).projection(TODAY) == "reached"
    assert progress(150, 20).projection(TODAY) == "reached"
    assert not progress(150, 20).near_goal
    assert progress(91, 3).near_goal
    assert not progress(89, 3).near_goal


def test_each_live_petition_counts_its_days_in_three_queries(campaign):
    petition = campaign["petition"]
    other = PetitionPageFactory(parent=petition.get_parent(), goal=10)
    PetitionPageFactory(parent=petition.get_parent(), live=False)
    signed(petition, days_ago(20), 5)
    signed(petition, days_ago(2), 3)
    signed(petition, TODAY, 4)
    signed(other, days_ago(1), 10)

    with within_budget(3, "the petitions' progress"):
        found = {row.title: row for row in live_petitions(campaign["period"])}

    assert set(found) == {petition.title, other.title}
    mine = found[petition.title]
    assert (mine.total, mine.before, mine.in_period) == (12, 5, 7)
    assert mine.per_day[-1] == (TODAY, 4)
    assert mine.running_totals()[-3:] == [(days_ago(2), 8), (days_ago(1), 8), (TODAY, 12)]
    assert found[other.title].projection(TODAY) == "reached"
