"""Conversion: signatures attributed to a story or theme divided by its
views, per day and over a period, and the period against the one before."""

import pytest

from impact import conversion
from impact.periods import Period, change, rate, shown_rate
from tests.impact.figures import TODAY, days_ago, signed, viewed
from tests.queries import within_budget

pytestmark = pytest.mark.django_db


def test_a_rate_of_nothing_read_is_unknown_not_zero():
    assert rate(3, 0) is None
    assert shown_rate(None) == "—"
    assert rate(0, 10) == 0
    assert shown_rate(rate(5, 200)) == "2.5 %"


def test_a_period_and_the_one_before_it():
    period = Period(7, TODAY)
    assert (period.first, period.last) == (days_ago(6), TODAY)
    assert (period.previous.first, period.previous.last) == (days_ago(13), days_ago(7))
    assert len(period.dates) == 7
    assert Period.from_choice("90", TODAY).days == 90
    # Anything else (a mistyped or hostile address) shows the default month.
    assert Period.from_choice("1000", TODAY).days == 30
    assert Period.from_choice("x", TODAY).days == 30


def test_a_period_compares_with_the_previous_one_in_words():
    assert change(112, 100, 30) == "+12 % on the previous 30 days"
    assert change(75, 100, 7) == "-25 % on the previous 7 days"
    assert change(100, 100, 7) == "the same as the previous 7 days"
    assert change(5, 0, 7) == "new: none the period before"
    assert change(0, 0, 7) == "none in the previous 7 days"


def test_a_storys_rate_divides_its_signatures_in_the_period_by_its_views(campaign):
    first, petition = campaign["first"], campaign["petition"]
    viewed(first, days_ago(1), 150, visitors=120)
    viewed(first, days_ago(3), 50)
    viewed(first, days_ago(8), 1000)  # the period before: not counted
    signed(petition, days_ago(1), 4, source=first)
    signed(petition, days_ago(9), 7, source=first)  # the period before
    # Signed from elsewhere: not the story's.
    signed(petition, days_ago(1), 2, source=campaign["theme"])

    rows = {row.title: row for row in conversion.stories(campaign["period"])}

    story = rows[first.title]
    assert (story.views, story.visitors, story.signatures) == (200, 170, 4)
    assert story.rate == pytest.approx(0.02)
    assert campaign["second"].title not in rows  # neither read nor signed from


def test_a_story_signed_from_but_never_counted_has_no_rate(campaign):
    signed(campaign["petition"], days_ago(2), 1, source=campaign["second"])
    [row] = conversion.stories(campaign["period"])
    assert (row.views, row.signatures, row.rate) == (0, 1, None)
    assert conversion.by_rate([row]) == []


def test_only_stories_read_often_enough_are_ranked_by_rate(campaign):
    first, second, alone = campaign["first"], campaign["second"], campaign["alone"]
    viewed(first, days_ago(1), 100)
    viewed(second, days_ago(1), 40)
    viewed(alone, days_ago(1), 5)
    signed(campaign["petition"], days_ago(1), 2, source=first)
    signed(campaign["petition"], days_ago(1), 2, source=second)
    signed(campaign["petition"], days_ago(1), 3, source=alone)  # 60 %, on 5 views

    ranked = conversion.by_rate(conversion.stories(campaign["period"]))

    assert [row.title for row in ranked] == [second.title, first.title]


def test_a_theme_counts_its_explainer_and_the_stories_filed_under_its_factors(campaign):
    theme, first, second = campaign["theme"], campaign["first"], campaign["second"]
    viewed(theme, days_ago(1), 100)
    viewed(first, days_ago(1), 200)  # filed under two of its factors: counted once
    viewed(second, days_ago(2), 100)
    viewed(campaign["alone"], days_ago(1), 1000)  # under no theme
    petition = campaign["petition"]
    signed(petition, days_ago(1), 2, source=theme)
    signed(petition, days_ago(1), 3, source=first)
    signed(petition, days_ago(2), 3, source=second)
    signed(petition, days_ago(1), 50, source=campaign["alone"])

    [row] = conversion.themes(campaign["period"])

    assert (row.title, row.views, row.signatures) == ("The Eyewitness", 400, 8)
    assert row.rate == pytest.approx(0.02)


def test_views_and_signatures_by_day_for_the_site_or_some_pages(campaign):
    first, petition = campaign["first"], campaign["petition"]
    viewed(first, days_ago(1), 100)
    viewed(campaign["second"], days_ago(1), 50)
    signed(petition, days_ago(1), 3, source=first)
    signed(petition, days_ago(0), 1)

    site = {row["day"]: row for row in conversion.by_day(campaign["period"])}
    story = {row["day"]: row for row in conversion.by_day(campaign["period"], [first.pk])}

    assert len(site) == 7
    assert (site[days_ago(1)]["views"], site[days_ago(1)]["signatures"]) == (150, 3)
    assert site[days_ago(1)]["rate"] == pytest.approx(0.02)
    assert (site[TODAY]["views"], site[TODAY]["signatures"], site[TODAY]["rate"]) == (0, 1, None)
    assert story[days_ago(1)]["views"] == 100
    assert story[days_ago(1)]["rate"] == pytest.approx(0.03)


def test_totals_compare_the_period_with_the_one_before(campaign):
    viewed(campaign["first"], days_ago(1), 112)
    viewed(campaign["first"], days_ago(10), 100)
    viewed(campaign["first"], days_ago(20), 999)  # before both
    signed(campaign["petition"], days_ago(2), 2)
    signed(campaign["petition"], days_ago(12), 4)

    found = conversion.totals(campaign["period"])

    assert found["views"] == {"now": 112, "before": 100}
    assert found["signatures"] == {"now": 2, "before": 4}


def test_the_figures_cost_the_same_queries_however_many_stories(campaign):
    for story in ("first", "second", "alone"):
        viewed(campaign[story], days_ago(1), 30)
        signed(campaign["petition"], days_ago(1), 1, source=campaign[story])
    with within_budget(2, "stories and themes"):
        assert len(conversion.stories(campaign["period"])) == 3
        conversion.themes(campaign["period"])


def test_each_storys_rate_on_each_day(campaign):
    first, second, petition = campaign["first"], campaign["second"], campaign["petition"]
    viewed(first, days_ago(2), 50)
    viewed(first, days_ago(1), 100)
    viewed(second, days_ago(1), 10)
    viewed(campaign["theme"], days_ago(1), 500)  # not a story
    signed(petition, days_ago(1), 2, source=first)
    signed(petition, days_ago(3), 1, source=second)  # signed from, not read, that day

    with within_budget(2, "each story by day"):
        rows = conversion.stories_by_day(campaign["period"])

    assert [(r["day"], r["title"], r["views"], r["signatures"]) for r in rows] == [
        (days_ago(3), second.title, 0, 1),
        (days_ago(2), first.title, 50, 0),
        (days_ago(1), second.title, 10, 0),
        (days_ago(1), first.title, 100, 2),
    ]
    assert rows[-1]["rate"] == pytest.approx(0.02)
    assert rows[0]["rate"] is None
