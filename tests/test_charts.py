"""core.charts draws charts anyone can read: named images with a title and
a description, direct labels, parts told apart by pattern as well as colour,
widths in percentages and heights in em (so they fit a 320 px column and grow
with the text), and nothing the strict CSP would refuse."""

import re

from core.charts import Bar, Column, Part, bar_chart, column_chart, percent, proportion_chart


def test_a_bar_chart_is_a_named_image_with_its_labels_on_it():
    svg = bar_chart(
        "f1",
        "Exonerations by state",
        "Illinois counts the most",
        [Bar("Illinois", 50, "50"), Bar("Texas & co", 25, "25", group="South", look="red")],
    )

    assert svg.startswith('<svg class="chart" role="img" aria-labelledby="f1-title f1-desc"')
    assert '<title id="f1-title">Exonerations by state</title>' in svg
    assert '<desc id="f1-desc">Illinois counts the most</desc>' in svg
    assert ">Illinois</text>" in svg
    assert ">Texas &amp; co</text>" in svg  # escaped
    assert '<text class="chart__group" x="0"' in svg
    assert 'class="chart__bar look-red"' in svg
    # The longest bar leaves room for its value; the others in proportion.
    assert re.findall(r'chart__bar[^"]*" x="0" y="[\d.]+em" width="([\d.]+)%"', svg) == ["76", "38"]
    assert "style" not in svg


def test_the_rest_summed_is_drawn_apart_from_the_ranking():
    svg = bar_chart("f5", "t", "d", [Bar("Illinois", 5, "5"), Bar("9 others", 9, "9", rest=True)])

    assert 'class="chart__bar chart__bar--rest"' in svg


def test_shares_lie_on_a_track_of_the_whole():
    svg = bar_chart("f2", "t", "d", [Bar("A", 0.5, "50%")], track=True)

    assert 'class="chart__track" x="0" y="1.45em" width="76%"' in svg
    assert 'class="chart__bar" x="0" y="1.45em" width="38%"' in svg


def test_columns_name_their_years_sparsely_and_note_the_peak():
    columns = [
        Column(str(year), n, tick="major" if year % 10 == 0 else "")
        for year, n in [(1999, 1), (2000, 4), (2001, 2)]
    ]
    columns[1].note = "4"

    svg = column_chart("f3", "Per year", "Peaked in 2000", columns)

    assert svg.count("<rect") == 3
    assert re.findall(r'chart__tick--major"[^>]*>(\d+)<', svg) == ["2000"]
    assert '<text class="chart__value" x="50%"' in svg


def test_a_proportion_tells_its_parts_apart_by_pattern_and_position():
    svg = proportion_chart(
        "f4", "DNA", "16% DNA", [Part("DNA", 0.16, "16%"), Part("Not", 0.84, "84%")]
    )

    assert '<pattern id="f4-hatch"' in svg
    assert 'width="16%"' in svg and 'x="16%"' in svg
    assert 'fill="url(#f4-hatch)"' in svg
    assert 'text-anchor="end">Not <tspan class="chart__value">84%</tspan>' in svg


def test_percentages_as_people_read_them():
    assert percent(27, 100) == "27%"
    assert percent(1, 1000) == "<1%"
    assert percent(0, 10) == "0%"
    assert percent(3, 0) == "0%"


def test_a_goal_is_a_labelled_dashed_line_the_columns_are_scaled_to():
    columns = [Column(label=str(day), value=value) for day, value in enumerate([10, 20, 30])]
    svg = column_chart("g1", "Signatures", "30 of 120", columns, goal=(120, "Goal: 120"))
    assert 'class="chart__goal"' in svg
    assert ">Goal: 120</text>" in svg
    # The tallest column reaches a quarter of the way to the goal's line.
    assert 'height="2.25em"' in svg
