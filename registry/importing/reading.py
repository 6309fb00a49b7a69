"""Reading the Registry's download: an .xlsx workbook (its first sheet) or a
.csv file, under exactly the Registry's header row. A file that can't be
read as one of them fails as a whole, with one message, before any row is
looked at."""

import csv
import io
import os
import zipfile

import openpyxl

from .results import ImportFailed

# The Registry's columns, as its spreadsheet names them (any order).
COLUMNS = (
    "Last Name",
    "First Name",
    "Age",
    "Race",
    "Sex",
    "State",
    "County",
    "Tags",
    "Worst Crime Display",
    "Sentence",
    "Convicted",
    "Exonerated",
    "Posting Date",
    "OM Tags",
    "F/MFE",
    "FC",
    "ILD",
    "P/FA",
    "DNA",
    "MWID",
    "OM",
    "Date of Crime Year",
)
# Far more than the Registry's whole history (about 3,500 rows): a file past
# this is not its download.
MAX_ROWS = 20_000
XLSX_MAGIC = b"PK\x03\x04"
OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"
SAVE_AS = "Save it as “Excel Workbook (.xlsx)” or “CSV UTF-8”."


class Sheet:
    """The file's rows, read once, each kept as a plain tuple of its cells (a
    few MB for the Registry's 3,500 rows), so that their number is known
    before the import starts (for its progress) without reading the file
    twice: a workbook's own row count can't be trusted in read-only mode."""

    def __init__(self, header, row_source):
        self.positions = column_positions(header)
        self._rows = []
        for number, cells in row_source():
            if any(cell not in (None, "") for cell in cells):
                self._rows.append((number, cells))
                if len(self._rows) > MAX_ROWS:
                    raise ImportFailed(
                        f"The file has more than the {MAX_ROWS:,} rows an import takes: "
                        "is it the Registry's download?"
                    )
        if not self._rows:
            raise ImportFailed("The file has the header row but no case records under it.")

    @property
    def total_rows(self):
        return len(self._rows)

    def rows(self):
        """(row number, {column: cell}) for each row that isn't empty; the
        header is row 1, as the spreadsheet numbers it."""
        for number, cells in self._rows:
            yield (
                number,
                {
                    column: cells[position] if position < len(cells) else None
                    for column, position in self.positions.items()
                },
            )


def read_sheet(source):
    """A Sheet from a path, an open file (binary) or bytes, or ImportFailed."""
    name, data = _open(source)
    return _xlsx_sheet(data) if is_workbook(name, data) else _csv_sheet(data)


def check_header(source):
    """ImportFailed if the file can't be imported as a whole, judged from its
    type and its header row alone: cheap enough for the web request that
    stores an upload (the rows are the worker's to read)."""
    name, data = _open(source)
    if is_workbook(name, data):
        column_positions(_xlsx_header(data)[1])
    else:
        records = csv.reader(io.StringIO(_csv_text(data), newline=""))
        column_positions(next(records, ()))


def is_workbook(name, data):
    """Whether the file is a workbook (else CSV text), or ImportFailed when
    it is neither, or its name says otherwise."""
    extension = os.path.splitext(name)[1].lower() if name else ""
    if data.startswith(OLD_EXCEL_MAGIC):
        raise ImportFailed(f"This is an old Excel file (.xls), which can't be imported. {SAVE_AS}")
    if extension not in ("", ".xlsx", ".csv"):
        raise ImportFailed(f"A {extension} file can't be imported. {SAVE_AS}")
    if data.startswith(XLSX_MAGIC):
        if extension == ".csv":
            raise ImportFailed(f"This file is named .csv but holds a workbook. {SAVE_AS}")
        return True
    if extension == ".xlsx":
        raise ImportFailed(f"This file is named .xlsx but isn't an Excel workbook. {SAVE_AS}")
    return False


def _open(source):
    if isinstance(source, (bytes, bytearray, memoryview)):
        return "", bytes(source)
    if isinstance(source, (str, os.PathLike)):
        try:
            with open(source, "rb") as file:
                return str(source), file.read()
        except OSError as error:
            raise ImportFailed(f"Can’t read {source}: {error.strerror or error}.") from None
    if hasattr(source, "seek"):
        source.seek(0)
    return getattr(source, "name", "") or "", source.read()


def _xlsx_header(data):
    """The workbook's first sheet and its first row."""
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        worksheet = workbook.worksheets[0]
        return worksheet, next(worksheet.iter_rows(max_row=1, values_only=True), ())
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, IndexError, OSError, SyntaxError):
        raise ImportFailed(f"This .xlsx file can’t be opened: it is damaged. {SAVE_AS}") from None


def _xlsx_sheet(data):
    worksheet, header = _xlsx_header(data)

    def rows():
        # Read-only mode streams the sheet's XML rather than building it whole.
        yield from enumerate(worksheet.iter_rows(min_row=2, values_only=True), 2)

    try:
        return Sheet(header, rows)
    # SyntaxError: ElementTree's ParseError, for XML broken past the header.
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, SyntaxError):
        raise ImportFailed(f"This .xlsx file can’t be read to the end. {SAVE_AS}") from None


def _csv_text(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        raise ImportFailed(
            f"This CSV file isn’t UTF-8 text (row {row} has a character that can’t be read). "
            "Save it again as “CSV UTF-8”, or import the .xlsx download."
        ) from None
    if "\x00" in text:
        # No text has one: it is some other kind of file.
        raise ImportFailed(f"This file isn’t a CSV file (it holds NUL characters). {SAVE_AS}")
    return text


def _csv_sheet(data):
    text = _csv_text(data)
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise ImportFailed(f"This file can’t be read as CSV ({error}). {SAVE_AS}") from None
    if not records:
        raise ImportFailed("The file is empty.")

    def rows():
        # Numbered as a spreadsheet shows them: a record per row, even one
        # whose quoted cell spans several lines of the file.
        yield from enumerate(records[1:], 2)

    return Sheet(records[0], rows)


def column_positions(header):
    """{column: position} for the Registry's columns, or ImportFailed naming
    every missing, unknown and repeated column at once."""
    names = [" ".join(str(cell).split()) if cell is not None else "" for cell in header]
    if not any(names):
        raise ImportFailed("The file is empty: its first row should be the Registry's header.")
    known = {column.lower(): column for column in COLUMNS}
    positions, unknown, repeated = {}, [], []
    for position, name in enumerate(names):
        if not name:
            continue  # an empty column at the edge of a sheet
        column = known.get(name.lower())
        if column is None:
            unknown.append(name)
        elif column in positions:
            repeated.append(column)
        else:
            positions[column] = position
    missing = [column for column in COLUMNS if column not in positions]
    reasons = []
    if missing:
        reasons.append(f"missing {_names(missing)}")
    if unknown:
        reasons.append(f"unknown {_names(unknown)}")
    if repeated:
        reasons.append(f"repeated {_names(repeated)}")
    if reasons:
        raise ImportFailed(
            "The first row isn't the Registry's header: "
            + "; ".join(reasons)
            + ". The file must have exactly the columns of the Registry's download: "
            + ", ".join(COLUMNS)
            + "."
        )
    return positions


def _names(columns):
    # A name is shown as far as 40 characters: enough to spot a typing slip.
    return ", ".join(f"“{column[:40]}”" for column in columns)
