"""The national figures, computed in the database: what the public pages and
/numbers.csv show of the case records, never the records themselves.

One query answers the figures every case counts once in (the six factor
shares, DNA, the total, the years lost and the date of the data), by
conditional aggregation; one more groups the records by year of exoneration,
years lost, state and worst crime (four GROUP BYs sent together as a UNION
ALL). The median of the years lost comes from that histogram, in Python:
PostgreSQL has percentile_cont, SQLite nothing portable."""

from django.db import models
from django.db.models import CharField, Count, F, Max, Q, Subquery, Sum, Value
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


class CaseRecordQuerySet(models.QuerySet):
    def summary(self):
        """The figures of every record at once, in one query: `total`, `dna`,
        each factor's count under its field name (`mistaken_identification`,
        ...), `years_known` (records whose years lost are known),
        `years_lost` (their sum) and `data_date`: when the latest import
        finished or, if no import was recorded, when a record last changed."""
        figures = self.aggregate(
            total=Count("pk"),
            dna=Count("pk", filter=Q(dna=True)),
            **{field: Count("pk", filter=Q(**{field: True})) for field in FACTOR_FIELDS.values()},
            years_known=Count("pk", filter=YEARS_KNOWN),
            years_lost=Sum(YEARS_LOST, filter=YEARS_KNOWN),
            # A constant beside the aggregates: the subquery runs once.
            data_date=Coalesce(last_import_finished(), Max("imported_at")),
        )
        figures["years_lost"] = figures["years_lost"] or 0
        return figures

    def breakdowns(self):
        """How many records fall in each year of exoneration, number of years
        lost, state and worst crime: {"year": {2019: 140, ...}, "years_lost":
        {11: 80, ...}, "state": {"Illinois": 500, ...}, "crime": {...}}, in
        one query."""
        groupings = [
            ("year", "exoneration_year", Q(exoneration_year__isnull=False)),
            ("years_lost", YEARS_LOST, YEARS_KNOWN),
            ("state", "state", ~Q(state="")),
            ("crime", "worst_crime", ~Q(worst_crime="")),
        ]
        first, *rest = [self._grouped(name, key, where) for name, key, where in groupings]
        found = {name: {} for name, __, __ in groupings}
        numeric = {"year", "years_lost"}
        for dimension, key, n in first.union(*rest, all=True).order_by():
            found[dimension][int(key) if dimension in numeric else key] = n
        return found

    def _grouped(self, dimension, key, where):
        return (
            self.filter(where)
            .order_by()
            .annotate(
                dimension=Value(dimension, output_field=CharField()),
                key=Cast(key, CharField()),
            )
            .values_list("dimension", "key")
            .annotate(n=Count("pk"))
        )

    def data_date(self):
        """When the data was last imported (see `summary`), in one query."""
        return self.aggregate(data_date=Coalesce(last_import_finished(), Max("imported_at")))[
            "data_date"
        ]


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
