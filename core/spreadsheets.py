"""Cells of the spreadsheets the site offers for download (the open data, and
the exports of what supporters sent): whatever someone typed arrives as text
and never runs as a formula."""

# What a spreadsheet reads as the start of a formula (OWASP's list): a name
# like “=HYPERLINK(...)” must arrive as text, not run.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(text):
    """`text` as a CSV cell that a spreadsheet shows and never runs: one that
    would start a formula gets a leading apostrophe, which makes the cell text."""
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text
