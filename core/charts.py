"""Charts drawn on the server as inline SVG: no script, no chart service, no
request to anyone. Generic (a horizontal bar chart, a column chart over years,
a proportion bar), for the public figures and the staff dashboard alike.

What every chart does, so that anyone can read it:

- it is an image with a name: `role="img"`, and `aria-labelledby` naming its
  `<title>` (what it shows) and `<desc>` (the finding, in a sentence); the
  data itself goes in a table beside it, which the page writes;
- its labels are on it (direct labels, no legend), and where two parts must
  be told apart they differ by position and pattern, never by colour alone;
- it reads at 320 px: widths are percentages of the column it sits in, so
  bars stretch and text keeps its size; heights are in `em`, so the drawing
  grows with the text when a reader enlarges it;
- its colours come from classes in the site's stylesheet (`.chart…`), and so
  follow dark mode, the themes' colours (`look-…`) and print: the public CSP
  allows no `style` attribute nor `<style>` element.
"""

from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import mark_safe

# The share of the width the longest bar takes: the rest holds its value.
BAR_SPAN = 76
# Vertical rhythm, in em of the chart's text.
LABEL_LINE = 1.45
BAR_HEIGHT = 1.0
ROW_GAP = 0.9
GROUP_LINE = 2.2


@dataclass
class Bar:
    """One bar: its `label` (written above it), its `value` (its length
    against the chart's largest), what is written at its end (`shown`), and
    optionally the `group` it is listed under, a `look` (a theme colour:
    "blue", "amber", "red"), and whether it sums the rest (`rest`: drawn in
    grey, so that it doesn't read as one more in the ranking)."""

    label: str
    value: float
    shown: str
    group: str = ""
    look: str = ""
    rest: bool = False


@dataclass
class Column:
    """One column over a year: its `label` (the year), `value`, whether the
    axis names its year (`tick`: "major", or "minor" for a year named only
    where there is room, from 40rem), and a `note` written above it."""

    label: str
    value: float
    tick: str = ""
    note: str = ""


@dataclass
class Part:
    """One part of a whole: its `label`, its `share` (0 to 1) and what is
    written for it (`shown`, e.g. "21%")."""

    label: str
    share: float
    shown: str


def _number(value):
    # Short, and never in the locale's notation: SVG wants a dot.
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _svg(chart_id, title, description, height, body, defs=""):
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="{id}-title {id}-desc" width="100%" '
        'height="{height}em" focusable="false">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{description}</desc>'
        "{defs}{body}</svg>",
        id=chart_id,
        height=_number(height),
        title=title,
        description=description,
        defs=defs,
        body=body,
    )


def bar_chart(chart_id, title, description, bars, *, track=False):
    """Horizontal bars, each with its label above it and its value at its
    end; a heading above the first bar of each `group`. With `track`, each
    bar lies on a pale track showing the whole (for shares of 100%).
    `chart_id` must be unique in the page."""
    largest = max((bar.value for bar in bars), default=0) or 1
    scale = 1 if track else 1 / largest
    y, pieces, group = 0.0, [], None
    for bar in bars:
        if bar.group and bar.group != group:
            group = bar.group
            pieces.append(
                format_html(
                    '<text class="chart__group" x="0" y="{}em">{}</text>',
                    _number(y + GROUP_LINE - 0.55),
                    group,
                )
            )
            y += GROUP_LINE
        width = BAR_SPAN * max(0.0, min(1.0, bar.value * scale))
        look = f" look-{bar.look}" if bar.look else ""
        look += " chart__bar--rest" if bar.rest else ""
        pieces.append(
            format_html(
                '<text class="chart__label" x="0" y="{label_y}em">{label}</text>'
                "{track}"
                '<rect class="chart__bar{look}" x="0" y="{bar_y}em" width="{width}%" '
                'height="{height}em"/>'
                '<text class="chart__value" x="{width}%" dx="0.4em" y="{value_y}em">{shown}</text>',
                label_y=_number(y + 1.05),
                label=bar.label,
                track=format_html(
                    '<rect class="chart__track" x="0" y="{}em" width="{}%" height="{}em"/>',
                    _number(y + LABEL_LINE),
                    BAR_SPAN,
                    _number(BAR_HEIGHT),
                )
                if track
                else "",
                look=look,
                bar_y=_number(y + LABEL_LINE),
                width=_number(width),
                height=_number(BAR_HEIGHT),
                value_y=_number(y + LABEL_LINE + 0.82),
                shown=bar.shown,
            )
        )
        y += LABEL_LINE + BAR_HEIGHT + ROW_GAP
    return _svg(chart_id, title, description, y, mark_safe("".join(pieces)))  # noqa: S308


def _anchored(centre, start, end):
    """Where a label centred on `centre` (%) is anchored so that it stays
    inside the chart: at its slot's start near the left edge, its end near
    the right one."""
    if centre < 8:
        return start, "start"
    if centre > 92:
        return end, "end"
    return centre, "middle"


def column_chart(chart_id, title, description, columns, *, plot_height=9.0, goal=None):
    """Columns side by side (one per year, or day), on a baseline; the
    columns whose `tick` is set are named below it, and each `note` above its
    column. A `goal` (value, label) is a dashed line across, labelled at its
    left end, and the columns are scaled so that it fits."""
    largest = max([column.value for column in columns] + [goal[0] if goal else 0]) or 1
    top, slot = 1.6, 100 / max(len(columns), 1)
    baseline = top + plot_height
    pieces = [
        format_html(
            '<line class="chart__axis" x1="0" x2="100%" y1="{y}em" y2="{y}em"/>',
            y=_number(baseline),
        )
    ]
    if goal:
        y = baseline - plot_height * goal[0] / largest
        pieces.append(
            format_html(
                '<line class="chart__goal" x1="0" x2="100%" y1="{y}em" y2="{y}em"/>'
                '<text class="chart__value" x="0" y="{label_y}em">{label}</text>',
                y=_number(y),
                label_y=_number(y - 0.4),
                label=goal[1],
            )
        )
    for n, column in enumerate(columns):
        height = plot_height * column.value / largest
        start, end = n * slot, (n + 1) * slot
        pieces.append(
            format_html(
                '<rect class="chart__bar" x="{x}%" y="{y}em" width="{width}%" '
                'height="{height}em"/>',
                x=_number(start + slot * 0.12),
                y=_number(baseline - height),
                width=_number(slot * 0.76),
                height=_number(height),
            )
        )
        x, anchor = _anchored(start + slot / 2, start, end)
        if column.tick:
            pieces.append(
                format_html(
                    '<text class="chart__tick chart__tick--{kind}" x="{x}%" y="{y}em" '
                    'text-anchor="{anchor}">{label}</text>',
                    kind=column.tick,
                    x=_number(x),
                    y=_number(baseline + 1.3),
                    anchor=anchor,
                    label=column.label,
                )
            )
        if column.note:
            pieces.append(
                format_html(
                    '<text class="chart__value" x="{x}%" y="{y}em" text-anchor="{anchor}">'
                    "{note}</text>",
                    x=_number(x),
                    y=_number(baseline - height - 0.4),
                    anchor=anchor,
                    note=column.note,
                )
            )
    return _svg(
        chart_id,
        title,
        description,
        baseline + 1.8,
        mark_safe("".join(pieces)),  # noqa: S308
    )


def proportion_chart(chart_id, title, description, parts):
    """A whole split in two parts on one bar: the first solid, from the left,
    labelled above the bar; the second hatched, to the right, labelled below
    it. Each label has its own line, so neither runs into the other at 320 px."""
    first, second = parts
    hatch = f"{chart_id}-hatch"
    defs = format_html(
        '<defs><pattern id="{}" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect class="chart__hatch-ground" width="8" '
        'height="8"/><line class="chart__hatch" x1="0" y1="0" x2="0" y2="8"/>'
        "</pattern></defs>",
        hatch,
    )
    split = 100 * max(0.0, min(1.0, first.share))
    body = format_html(
        '<text class="chart__label" x="0" y="1.05em"><tspan class="chart__value">'
        "{first_shown}</tspan> {first_label}</text>"
        '<rect class="chart__bar" x="0" y="1.6em" width="{split}%" height="2.2em"/>'
        '<rect class="chart__part" x="{split}%" y="1.6em" width="{rest}%" height="2.2em" '
        'fill="url(#{hatch})"/>'
        '<text class="chart__label" x="100%" y="5em" text-anchor="end">{second_label} '
        '<tspan class="chart__value">{second_shown}</tspan></text>',
        first_label=first.label,
        first_shown=first.shown,
        second_label=second.label,
        second_shown=second.shown,
        split=_number(split),
        rest=_number(100 - split),
        hatch=hatch,
    )
    return _svg(chart_id, title, description, 5.5, body, defs)


def percent(part, whole):
    """`part` of `whole` as a whole percentage for people, as the site writes
    its figures ("27%"); "<1%" for a part too small to round to 1."""
    if not whole:
        return "0%"
    share = 100 * part / whole
    if 0 < share < 1:
        return "<1%"
    return f"{round(share)}%"
