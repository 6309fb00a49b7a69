"""Reading the import file: its text, its rows and its header of columns."""

import csv
import io
import re

from stories.fields import IMPORT_COLUMNS

from .results import ImportFailed, Problem

COLUMNS = tuple(column.name for column in IMPORT_COLUMNS)
REQUIRED_COLUMNS = tuple(column.name for column in IMPORT_COLUMNS if column.required == "yes")


def read_records(source):
    """The file's normalised column names, and a (line, {column: cell}) per
    row, or ImportFailed for a file that can't be read as an import file."""
    header, rows = read_csv(decode(source))
    columns = check_columns(header)
    check_rows(columns, rows)
    return columns, [(line, dict(zip(columns, cells, strict=True))) for line, cells in rows]


def check_header(source):
    """ImportFailed if the file isn't UTF-8 text or its header row isn't one
    of an import file: what the admin checks before queueing the import."""
    text = decode(source)
    try:
        header = next(
            (cells for cells in csv.reader(io.StringIO(text, newline="")) if any(cells)), None
        )
    except csv.Error as error:
        raise ImportFailed.because(f"The header can’t be read as CSV ({error}).", line=1) from None
    if header is None:
        raise ImportFailed.because("The file is empty.")
    check_columns(header)


def decode(source):
    if hasattr(source, "read"):
        source = source.read()
    if isinstance(source, str):
        text = source.removeprefix("\ufeff")
    else:
        try:
            text = bytes(source).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = bytes(source)[: error.start].count(b"\n") + 1
            raise ImportFailed.because(
                f"The file isn’t UTF-8 text (line {line} has a character that can’t be "
                "read). Save it again as UTF-8: in Excel choose “CSV UTF-8 (Comma "
                "delimited)”; a CSV downloaded from Google Sheets already is."
            ) from None
    if "\x00" in text:
        # No text has one, and PostgreSQL refuses it even in a query.
        line = text[: text.index("\x00")].count("\n") + 1
        raise ImportFailed.because(
            f"The file isn’t a CSV file (line {line} holds a NUL character, as a "
            "spreadsheet's own format does). Save it again as “CSV UTF-8”."
        )
    return text


def read_csv(text):
    """The header cells and a list of (line, cells), skipping blank lines.
    Each row's line is where it starts, since a quoted cell may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header, rows, end = None, [], 0
    try:
        for cells in reader:
            start, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = cells
            else:
                rows.append((start, cells))
    except csv.Error as error:
        raise ImportFailed.because(
            f"This line can’t be read as CSV ({error}).", line=end + 1
        ) from None
    if header is None:
        raise ImportFailed.because("The file is empty.")

    width = len(header)
    problems = []
    for line, cells in rows:
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            problems.append(
                Problem(
                    line,
                    None,
                    f"This row has {len(cells)} cells but the header has {width} columns. "
                    "Check for a stray comma, or put quotes around text containing commas.",
                )
            )
        cells[:] = (cells + [""] * width)[:width]
    if problems:
        raise ImportFailed(problems)
    return header, rows


def check_columns(header):
    """The header's column names, normalised, or ImportFailed."""
    columns = [cell.strip().lower() for cell in header]
    if len(columns) == 1 and re.search(r"[;\t]", header[0]):
        raise ImportFailed.because(
            "The columns must be separated by commas, not semicolons or tabs. "
            "Export the sheet as “CSV (comma-separated)”.",
            line=1,
        )
    problems = []
    unknown = [
        cell.strip()
        for cell, name in zip(header, columns, strict=True)
        if name and name not in COLUMNS
    ]
    if unknown:
        names = ", ".join(f"“{name}”" for name in unknown)
        problems.append(
            Problem(1, None, f"Unknown column {names}. Check the spelling against docs/import.md.")
        )
    repeated = sorted({name for name in columns if name in COLUMNS and columns.count(name) > 1})
    if repeated:
        names = ", ".join(f"“{name}”" for name in repeated)
        problems.append(Problem(1, None, f"Column {names} appears more than once."))
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        names = ", ".join(f"“{name}”" for name in missing)
        plural = "columns" if len(missing) > 1 else "column"
        problems.append(Problem(1, None, f"The file is missing the required {plural} {names}."))
    if problems:
        raise ImportFailed(problems)
    return columns


def check_rows(columns, rows):
    if not rows:
        raise ImportFailed.because("The file has a header but no stories.")
    unnamed = [
        Problem(line, None, "This row has a value in a column without a header.")
        for line, cells in rows
        if any(cell.strip() for name, cell in zip(columns, cells, strict=True) if not name)
    ]
    if unnamed:
        raise ImportFailed(unnamed)
