"""Cells of the spreadsheets the site offers for download (the open data, and
the staff's exports): whatever someone typed arrives as text and never runs
as a formula, and a staff CSV opens in Excel with its accents intact."""

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# What a spreadsheet reads as the start of a formula (OWASP's list): a name
# like “=HYPERLINK(...)” must arrive as text, not run.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Excel reads a CSV file as UTF-8 only when it starts with this byte-order
# mark; without it “José Núñez” opens as “JosÃ© NÃºÃ±ez”.
UTF8_BOM = "\ufeff".encode()


def text_cell(text):
    """`text` as a CSV cell that a spreadsheet shows and never runs: one that
    would start a formula gets a leading apostrophe, which makes the cell text."""
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


class ExcelReadyExportMixin:
    """For Wagtail's export views (SpreadsheetExportMixin): the CSV starts
    with a UTF-8 byte-order mark and neutralises formulas (Wagtail's XLSX
    export already stores them as text); the XLSX drops the control
    characters that would make openpyxl refuse the whole file."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if not isinstance(value, str):
            return value
        if export_format == "csv":
            return text_cell(value)
        if export_format == "xlsx":
            return ILLEGAL_CHARACTERS_RE.sub("", value)
        return value

    def stream_csv(self, queryset):
        yield UTF8_BOM
        yield from super().stream_csv(queryset)
