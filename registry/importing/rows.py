"""Reading one row of the Registry's spreadsheet into a case record's
fields, or saying, in words staff can act on, why it can't be."""

import datetime
import re

from django.utils import timezone

from registry.models import FACTOR_FIELDS, CaseRecord
from registry.models.codes import CODE_SEPARATOR

# Text columns and the field each fills; the required ones must not be empty.
TEXT = {
    "Last Name": "last_name",
    "First Name": "first_name",
    "Race": "race",
    "Sex": "sex",
    "State": "state",
    "County": "county",
    "Worst Crime Display": "worst_crime",
    "Sentence": "sentence",
}
REQUIRED = ("Last Name", "State", "Convicted", "Exonerated")
YEARS = {"Convicted": "conviction_year", "Exonerated": "exoneration_year"}
TAGS = {"Tags": "tags", "OM Tags": "misconduct_tags"}
# A tag code: letters, digits and the Registry's few signs, never a space
# (the record keeps its codes separated by spaces).
TAG_CODE = re.compile(r"[A-Za-z0-9/&+-]{1,20}")
US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
OLDEST_YEAR = 1900

# The record's fields an import fills, in a fixed order: what is compared
# with the stored record to tell an update from an unchanged row.
FIELDS = (
    *TEXT.values(),
    "age",
    "crime_year",
    "conviction_year",
    "exoneration_year",
    "posted_on",
    *FACTOR_FIELDS.values(),
    "dna",
    *TAGS.values(),
)
NATURAL_KEY = ("last_name", "first_name", "state", "county", "conviction_year")


class BadRow(ValueError):
    """Why a row can't be imported; the row is skipped."""


def read_row(cells):
    """{field: value} for FIELDS from a row's {column: cell}, or BadRow."""
    values = {}
    for column, field in TEXT.items():
        values[field] = _text(column, cells[column], CaseRecord._meta.get_field(field).max_length)
    values["age"] = _number(cells["Age"], "Age", 0, 120)
    this_year = timezone.localdate().year
    for column, field in YEARS.items():
        values[field] = _number(cells[column], column, OLDEST_YEAR, this_year)
    values["crime_year"] = _number(
        cells["Date of Crime Year"], "Date of Crime Year", OLDEST_YEAR, this_year
    )
    values["posted_on"] = _date(cells["Posting Date"])
    for code, field in FACTOR_FIELDS.items():
        values[field] = _flag(cells[code], code)
    values["dna"] = _flag(cells["DNA"], "DNA")
    for column, field in TAGS.items():
        values[field] = _tags(column, cells[column], CaseRecord._meta.get_field(field).max_length)

    empty = [column for column in REQUIRED if values[_field(column)] in ("", None)]
    if empty:
        raise BadRow(f"{_list(empty)} {'is' if len(empty) == 1 else 'are'} empty.")
    if values["exoneration_year"] < values["conviction_year"]:
        raise BadRow("Exonerated is before Convicted.")
    if values["crime_year"] and values["crime_year"] > values["conviction_year"]:
        raise BadRow("Date of Crime Year is after Convicted.")
    return values


def natural_key(values):
    return tuple(values[field] for field in NATURAL_KEY)


def _field(column):
    return TEXT.get(column) or YEARS[column]


def _text(column, cell, max_length):
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = " ".join(str(cell).split())
    if "\x00" in text:
        raise BadRow(f"{column} holds a NUL character.")
    if len(text) > max_length:
        raise BadRow(f"{column} is longer than {max_length} characters.")
    return text


def _number(cell, column, lowest, highest):
    """An integer from a cell that holds one as a number or as text (the
    Registry writes ages and years as text; Excel may give 1987.0)."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, (bool, datetime.date, datetime.time)):
        raise BadRow(f"{column} should be a number, not “{cell}”.")
    try:
        number = float(str(cell).strip()) if isinstance(cell, str) else float(cell)
    except ValueError:
        raise BadRow(f"{column} should be a number, not “{_shown(cell)}”.") from None
    if not number.is_integer() or not lowest <= number <= highest:
        raise BadRow(
            f"{column} should be a whole number from {lowest} to {highest}, not {_shown(cell)}."
        )
    return int(number)


def _date(cell):
    """Posting Date: a date in a workbook; in a CSV file written as
    2024-05-01 (ISO) or 5/1/2024 (month first, as the US writes it)."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, datetime.datetime):
        date = cell.date()
    elif isinstance(cell, datetime.date):
        date = cell
    else:
        text = str(cell).strip()
        us = US_DATE.fullmatch(text)
        try:
            if us:
                month, day, year = (int(part) for part in us.groups())
                date = datetime.date(year, month, day)
            else:
                date = datetime.date.fromisoformat(text[:10])
        except ValueError:
            raise BadRow(
                f"Posting Date should be a date, such as 2024-05-01 or 5/1/2024, "
                f"not “{_shown(cell)}”."
            ) from None
    if not OLDEST_YEAR <= date.year <= timezone.localdate().year:
        raise BadRow(f"Posting Date {date:%Y-%m-%d} can’t be right.")
    return date


def _flag(cell, code):
    """A factor or DNA column: its own code when it applies, else empty."""
    text = "" if cell is None else str(cell).strip()
    if not text:
        return False
    if text.upper() == code:
        return True
    raise BadRow(f"{code} should be “{code}” or empty, not “{_shown(cell)}”.")


def _tags(column, cell, max_length):
    text = "" if cell is None else str(cell)
    codes = [code.strip() for code in text.split(CODE_SEPARATOR) if code.strip()]
    bad = [code for code in codes if not TAG_CODE.fullmatch(code)]
    if bad:
        raise BadRow(
            f"{column}: “{_shown(bad[0])}” isn’t a code; codes are separated by “{CODE_SEPARATOR}”."
        )
    joined = " ".join(dict.fromkeys(codes))
    if len(joined) > max_length:
        raise BadRow(f"{column} holds more codes than a record keeps ({max_length} characters).")
    return joined


def _shown(cell):
    """A cell as a message quotes it: short, and without control characters."""
    text = "".join(c if c.isprintable() else " " for c in str(cell))
    return text if len(text) <= 40 else text[:39] + "…"


def _list(columns):
    return " and ".join(", ".join(columns).rsplit(", ", 1))
