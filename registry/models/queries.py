"""The national figures, computed in the database: what the public pages and
/numbers.csv show of the case records, never the records themselves.

One query answers them all. Its first row holds the figures every case counts
once in (the six factor shares, DNA, the total, the years lost and the date of
the data), by conditional aggregation; the rows after it group the records by
year of exoneration, years lost, state and worst crime (four GROUP BYs), sent
with it as one UNION ALL, each row padded to the same columns. A page with
figures then costs one query for them, whichever it shows. The median of the
years lost comes from their histogram, in Python: PostgreSQL has
percentile_cont, SQLite nothing portable."""

from django.db import models
from django.db.models import (
    CharField,
    Count,
    DateTimeField,
    F,
    IntegerField,
    Max,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce

from core.models import ImportJob

from .codes import FACTOR_FIELDS

# The kind of core.ImportJob that reads the Registry's spreadsheet.
IMPORT_KIND = "registry"

# Years lost, approximated from years, not dates (the spreadsheet gives only
# the years of conviction and exoneration): convicted in 1990 and exonerated
# in 2001 counts 11 years. A record without either year, or exonerated before
# its conviction year (an error in the data), is left out of the years lost.
YEARS_LOST = F("exoneration_year") - F("conviction_year")
YEARS_KNOWN = Q(
    conviction_year__isnull=False,
    exoneration_year__isnull=False,
    exoneration_year__gte=F("conviction_year"),
)


def last_import_finished():
    """When the latest import of the Registry's data finished, as a subquery."""
    done = ImportJob.objects.filter(
        kind=IMPORT_KIND,
        status=ImportJob.Status.DONE,
        dry_run=False,
        finished_at__isnull=False,
    )
    return Subquery(done.order_by("-finished_at").values("finished_at")[:1])


def summary_figures():
    """The aggregates of the summary row, by name."""
    return {
        "total": Count("pk"),
        "dna": Count("pk", filter=Q(dna=True)),
        **{field: Count("pk", filter=Q(**{field: True})) for field in FACTOR_FIELDS.values()},
        "years_known": Count("pk", filter=YEARS_KNOWN),
        "years_lost": Sum(YEARS_LOST, filter=YEARS_KNOWN),
        # A constant beside the aggregates: the subquery runs once.
        "data_date": Coalesce(last_import_finished(), Max("imported_at")),
    }


# How the grouped rows group the records: (name, key, which records count).
GROUPINGS = [
    ("year", F("exoneration_year"), Q(exoneration_year__isnull=False)),
    ("years_lost", YEARS_LOST, YEARS_KNOWN),
    ("state", F("state"), ~Q(state="")),
    ("crime", F("worst_crime"), ~Q(worst_crime="")),
]
NUMERIC_KEYS = {"year", "years_lost"}


class CaseRecordQuerySet(models.QuerySet):
    def figures(self, **extra):
        """Every national figure of these records, in one query: (summary,
        breakdowns). The summary: `total`, `dna`, each factor's count under
        its field name (`mistaken_identification`, ...), `years_known`
        (records whose years lost are known), `years_lost` (their sum) and
        `data_date` (when the latest import finished or, if none was
        recorded, when a record last changed). The breakdowns: how many
        records fall in each year of exoneration, number of years lost,
        state and worst crime: {"year": {2019: 140, ...}, "years_lost":
        {11: 80, ...}, "state": {"Illinois": 500, ...}, "crime": {...}}.
        `extra`: text expressions (scalar subqueries) the layers above want in
        the same query, read into the summary under their names."""
        # Each extra column as an aggregate (the same value on every row), so
        # that the summary stays one aggregate row over every record.
        aggregates = {**summary_figures(), **{name: Max(value) for name, value in extra.items()}}
        columns = ["dimension", "key", *aggregates]
        summary_row = (
            self._labelled("summary", Value(None, output_field=CharField()))
            .values("dimension", "key")
            .annotate(**aggregates)
            .values_list(*columns)
        )
        # The grouped rows' count goes in the `total` column; the others are empty.
        padding = {
            name: Value(None, output_field=padded_type(name, extra))
            for name in aggregates
            if name != "total"
        }
        grouped = [
            self.filter(where)
            ._labelled(name, Cast(key, CharField()))
            .values("dimension", "key")
            .annotate(total=Count("pk"), **padding)
            .values_list(*columns)
            for name, key, where in GROUPINGS
        ]
        summary, breakdowns = {}, {name: {} for name, __, __ in GROUPINGS}
        for dimension, key, *values in summary_row.union(*grouped, all=True).order_by():
            if dimension == "summary":
                summary = dict(zip(aggregates, values, strict=True))
            else:
                breakdowns[dimension][int(key) if dimension in NUMERIC_KEYS else key] = values[0]
        summary["years_lost"] = summary["years_lost"] or 0
        return summary, breakdowns

    def _labelled(self, dimension, key):
        return self.order_by().annotate(
            dimension=Value(dimension, output_field=CharField()), key=key
        )


def padded_type(name, extra):
    """The type of an empty column `name` in the grouped rows, as the
    summary row has it."""
    if name in extra:
        return CharField()
    return DateTimeField() if name == "data_date" else IntegerField()


def median(histogram):
    """The median of the values counted in `histogram` ({value: count}), or
    None when it counts nothing."""
    total = sum(histogram.values())
    if not total:
        return None
    # The values at the two middle positions (the same one when odd).
    wanted = {(total - 1) // 2, total // 2}
    found, seen = [], 0
    for value in sorted(histogram):
        count = histogram[value]
        found += [value for position in sorted(wanted) if seen <= position < seen + count]
        seen += count
    return sum(found) / len(found)
