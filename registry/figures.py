"""The national figures as readers see them: each a finding in words (its
title), a sentence on what it shows, a chart (core.charts) and the rows of
its table, drawn from the case records' aggregates (models/queries.py).

A figure knows nothing of pages: the layer above may relabel, group and link
its rows (each row says which filter of the story index selects the same
cases, `Row.selects`) before it is drawn."""

from dataclasses import dataclass, field
from functools import cached_property

from django.db import models

from core.charts import Bar, Column, Part, bar_chart, column_chart, percent, proportion_chart

from . import wording
from .models import FACTOR_FIELDS, CaseRecord, Factor
from .models.queries import median
from .wording import formatted

SOURCE_NAME = "National Registry of Exonerations"
SOURCE_URL = "https://www.law.umich.edu/special/exoneration/"

# The states drawn, the crimes drawn: the rest are summed as one bar.
STATES_DRAWN = 12
CRIMES_DRAWN = 6
# A table longer than this is shown only when asked for, even on a wide screen.
LONG_TABLE = 12
# Years lost, in spans of this many years, the last open-ended.
YEARS_SPAN = 5
YEARS_SPANS = 6
# The Registry files federal cases by the state of the court: "Fed-IL".
FEDERAL_PREFIX = "Fed-"
FEDERAL = "Federal courts"


class FigureKind(models.TextChoices):
    """The figures staff can place, as the figure block offers them."""

    PER_YEAR = "per_year", "Exonerations per year"
    FACTORS = "factors", "Contributing factors, by theme"
    FACTOR = "factor", "One contributing factor’s share"
    YEARS_LOST = "years_lost", "Years lost between conviction and exoneration"
    DNA = "dna", "DNA and other exonerations"
    STATES = "states", "Exonerations by state"
    CRIMES = "crimes", "The crimes people were wrongly convicted of"


@dataclass
class Row:
    """One row of a figure's table and one bar of its chart. `selects`: the
    story index's filter that picks the same cases, as (name, value), e.g.
    ("factor", "MWID"), ("dna", "yes"), ("state", "Illinois"); `href`: the
    filtered index, where the layer above found published stories there."""

    label: str
    count: int
    share: float | None = None
    selects: tuple | None = None
    group: str = ""
    look: str = ""
    href: str = ""
    # Whether the row sums the rows not drawn ("12 other states").
    rest: bool = False

    @property
    def shown_count(self):
        return formatted(self.count)

    @property
    def shown_share(self):
        return "" if self.share is None else percent(self.share, 1)


@dataclass
class Figure:
    """One figure: `title` states its finding, `summary` says what it shows,
    `rows` are its data, `chart` is how it is drawn ("bars", "columns" or
    "proportion"), `headers` head its table's columns."""

    kind: str
    title: str
    summary: str
    rows: list
    chart: str
    headers: tuple
    data_date: object
    caption: str = ""
    note: str = ""
    # The rows drawn, when the table lists more (all the states, every year).
    drawn: list = field(default_factory=list)

    @property
    def source_name(self):
        return SOURCE_NAME

    @property
    def source_url(self):
        return SOURCE_URL

    @property
    def linked_rows(self):
        return [row for row in self.rows if row.href]

    @property
    def is_long(self):
        """Whether its table is too long to show beside the chart unasked."""
        return len(self.rows) > LONG_TABLE

    @property
    def has_shares(self):
        return any(row.share is not None for row in self.rows)

    def svg(self, chart_id):
        """The chart, as inline SVG whose ids start with `chart_id`."""
        drawn = self.drawn or self.rows
        if self.chart == "proportion":
            parts = [Part(row.label, row.share, row.shown_share) for row in drawn]
            return proportion_chart(chart_id, self.caption, self.title, parts)
        if self.chart == "columns":
            peak = max(reversed(drawn), key=lambda row: row.count)
            columns = [
                Column(
                    row.label,
                    row.count,
                    tick=tick(int(row.label)),
                    note=row.shown_count if row is peak else "",
                )
                for row in drawn
            ]
            return column_chart(chart_id, self.caption, self.title, columns)
        bars = [
            Bar(
                row.label,
                row.share if row.share is not None else row.count,
                row.shown_share or row.shown_count,
                group=row.group,
                look=row.look,
                rest=row.rest,
            )
            for row in drawn
        ]
        return bar_chart(chart_id, self.caption, self.title, bars, track=self.kind == "factors")


def tick(year):
    """How the years axis names `year`: every tenth always, every fifth where
    there is room."""
    if year % 10 == 0:
        return "major"
    return "minor" if year % 5 == 0 else ""


class NationalFigures:
    """The figures of a set of case records (all of them by default), all
    computed in one query when the first is asked for."""

    def __init__(self, records=None, **extra):
        self.records = CaseRecord.objects.all() if records is None else records
        # Read in the same query (CaseRecordQuerySet.figures), into `summary`.
        self.extra = extra

    @cached_property
    def data(self):
        """(summary, breakdowns), as CaseRecordQuerySet.figures reads them:
        plain values, which a layer above may keep in a cache and set back."""
        return self.records.figures(**self.extra)

    @property
    def summary(self):
        return self.data[0]

    @property
    def breakdowns(self):
        return self.data[1]

    @property
    def total(self):
        return self.summary["total"]

    @property
    def data_date(self):
        return self.summary["data_date"]

    @property
    def years_lost(self):
        return self.summary["years_lost"]

    @property
    def median_years_lost(self):
        return median(self.breakdowns["years_lost"])

    @property
    def shown_total(self):
        return formatted(self.total)

    @property
    def shown_years_lost(self):
        return formatted(self.years_lost)

    @property
    def shown_median(self):
        found = self.median_years_lost
        return "" if found is None else formatted(found)

    def figure(self, kind, factor=None):
        """The figure of `kind` (a FigureKind; for FACTOR, the `factor`'s
        Registry code), or None when there are no records to count."""
        if not self.total:
            return None
        build = getattr(self, f"_{kind}")
        return build(factor) if kind == FigureKind.FACTOR else build()

    def _figure(self, kind, **fields):
        return Figure(kind=kind, data_date=self.data_date, **fields)

    def _share(self, count):
        return count / self.total

    def _per_year(self):
        counts = self.breakdowns["year"]
        years = range(min(counts), max(counts) + 1)
        rows = [Row(str(year), counts.get(year, 0)) for year in years]
        # The latest of the busiest years.
        peak = max(reversed(rows), key=lambda row: row.count)
        return self._figure(
            FigureKind.PER_YEAR,
            rows=rows,
            chart="columns",
            **wording.per_year(peak.label, peak.count, sum(counts.values()), years[0], years[-1]),
        )

    def factor_rows(self):
        """A row per contributing factor, by its Registry label and code."""
        return [
            Row(
                code.label,
                self.summary[field],
                self._share(self.summary[field]),
                selects=("factor", code.value),
            )
            for code, field in FACTOR_FIELDS.items()
        ]

    def _factors(self):
        rows = sorted(self.factor_rows(), key=lambda row: -row.count)
        top = rows[0]
        return self._figure(
            FigureKind.FACTORS,
            rows=rows,
            chart="bars",
            **wording.factors(top.label, top.shown_share),
        )

    def _factor(self, code):
        code = Factor(code)
        (row,) = [row for row in self.factor_rows() if row.selects == ("factor", code.value)]
        rest = Row(wording.other_exonerations(), self.total - row.count, 1 - row.share)
        return self._figure(
            FigureKind.FACTOR,
            rows=[row, rest],
            chart="proportion",
            **wording.factor(code.label, row.shown_share, row.shown_count, self.total),
        )

    def _years_lost(self):
        counts = self.breakdowns["years_lost"]
        spans = [0] * YEARS_SPANS
        for years, n in counts.items():
            spans[min(years // YEARS_SPAN, YEARS_SPANS - 1)] += n
        known = sum(spans)
        labels = wording.years_spans(YEARS_SPAN, YEARS_SPANS)
        rows = [Row(label, n, n / known) for label, n in zip(labels, spans, strict=True)]
        middle = formatted(self.median_years_lost)
        return self._figure(
            FigureKind.YEARS_LOST,
            rows=rows,
            chart="bars",
            **wording.years_lost(self.years_lost, middle, known),
        )

    def _dna(self):
        dna = self.summary["dna"]
        central, without = wording.dna_rows()
        rows = [
            Row(central, dna, self._share(dna), selects=("dna", "yes")),
            Row(
                without,
                self.total - dna,
                self._share(self.total - dna),
                selects=("dna", "no"),
            ),
        ]
        return self._figure(
            FigureKind.DNA,
            rows=rows,
            chart="proportion",
            **wording.dna(rows[0].shown_share, rows[1].shown_share),
        )

    def _states(self):
        counts = {}
        for state, n in self.breakdowns["state"].items():
            name = FEDERAL if state.startswith(FEDERAL_PREFIX) else state
            counts[name] = counts.get(name, 0) + n
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        # The federal courts' row is named in the reader's language; its filter is not.
        rows = [
            Row(
                wording.federal_courts() if name == FEDERAL else name,
                n,
                self._share(n),
                selects=("state", name),
            )
            for name, n in ranked
        ]
        drawn = rows[:STATES_DRAWN]
        rest = sum(row.count for row in rows[STATES_DRAWN:])
        if rest:
            others = len(rows) - STATES_DRAWN
            drawn.append(Row(wording.other_states(others), rest, self._share(rest), rest=True))
        top = rows[0]
        return self._figure(
            FigureKind.STATES,
            rows=rows,
            drawn=drawn,
            chart="bars",
            **wording.states(top.label, top.shown_count, top.shown_share, STATES_DRAWN),
        )

    def _crimes(self):
        ranked = sorted(self.breakdowns["crime"].items(), key=lambda item: (-item[1], item[0]))
        rows = [Row(crime, n, self._share(n)) for crime, n in ranked[:CRIMES_DRAWN]]
        rest = sum(n for __, n in ranked[CRIMES_DRAWN:])
        if rest:
            rows.append(Row(wording.other_crimes(), rest, self._share(rest), rest=True))
        top = rows[0]
        return self._figure(
            FigureKind.CRIMES,
            rows=rows,
            chart="bars",
            **wording.crimes(top.label, top.shown_share),
        )
