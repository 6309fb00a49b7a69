"""Spreadsheet exports of what supporters typed: safe to open."""

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.contrib.forms.views import SubmissionsListView

# What a spreadsheet reads as the start of a formula (OWASP's list): a name
# like “=HYPERLINK(...)” must arrive as text, not run.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


class SafeSpreadsheetExportMixin:
    """For Wagtail's export views: neutralise formulas in CSV (Wagtail's XLSX
    export already stores them as text) and drop the control characters that
    would make openpyxl refuse the whole file."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if not isinstance(value, str):
            return value
        if export_format == SpreadsheetExportMixin.FORMAT_CSV and value.startswith(
            FORMULA_TRIGGERS
        ):
            return "'" + value  # the apostrophe makes the cell text
        if export_format == SpreadsheetExportMixin.FORMAT_XLSX:
            return ILLEGAL_CHARACTERS_RE.sub("", value)
        return value


class SafeSubmissionsListView(SafeSpreadsheetExportMixin, SubmissionsListView):
    """Sign-up form submissions, exported safely."""
