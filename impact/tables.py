"""The dashboard's tables: each shown beside its chart and downloadable as
CSV, from the same rows, so that the file and the page never disagree."""

import csv
import io
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils.formats import number_format

from core.spreadsheets import UTF8_BOM, text_cell

from .periods import shown_rate


@dataclass
class Table:
    """`rows` hold raw values: text, whole numbers, dates, and rates (a share
    of 1, or None when unknown) in the columns whose kind is "rate"."""

    name: str
    caption: str
    headers: list
    kinds: list
    rows: list = field(default_factory=list)
    empty: str = "Nothing yet in this period."

    def shown_rows(self):
        """The rows as the page writes them."""
        return [
            [_shown(value, kind) for value, kind in zip(row, self.kinds, strict=True)]
            for row in self.rows
        ]

    def csv_response(self, period):
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(
            [
                f"{header} (%)" if kind == "rate" else header
                for header, kind in zip(self.headers, self.kinds, strict=True)
            ]
        )
        for row in self.rows:
            writer.writerow(
                [_cell(value, kind) for value, kind in zip(row, self.kinds, strict=True)]
            )
        response = HttpResponse(
            UTF8_BOM + buffer.getvalue().encode(), content_type="text/csv; charset=utf-8"
        )
        filename = f"impact-{self.name}-{period.first}-to-{period.last}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


def _shown(value, kind):
    if kind == "rate":
        return shown_rate(value)
    if kind == "count":
        return number_format(value, force_grouping=True)
    if kind == "date":
        return f"{value:%a %-d %b}"
    return value


def _cell(value, kind):
    """A CSV cell: numbers as numbers, a rate as a percentage with one
    decimal (empty when unknown), and any text, a page's title or a
    referring domain among them, never a formula."""
    if kind == "rate":
        return "" if value is None else f"{100 * value:.1f}"
    if kind == "date":
        return value.isoformat()
    if kind == "count":
        return value
    return text_cell(str(value))
