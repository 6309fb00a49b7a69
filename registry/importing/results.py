"""What an import of the Registry's spreadsheet reports."""

from dataclasses import dataclass, field

COUNTS = ("created", "updated", "unchanged", "duplicates", "skipped")


class ImportFailed(Exception):
    """The file as a whole can't be imported (a wrong type, an empty file, a
    missing or unknown column): one message, and nothing was saved."""

    def __init__(self, message):
        self.message = message
        super().__init__(message)

    @property
    def problems(self):
        """As ImportResult.problems: one problem, with no row."""
        return [(None, self.message)]

    def as_json(self):
        return {"problems": [{"row": None, "message": self.message}]}


@dataclass
class ImportResult:
    """`counts`: how many rows were created, updated, left unchanged,
    repeated within the file (imported once) or skipped as bad.
    `problems`: (row number, message) for each duplicate and bad row, the
    header being row 1, as the spreadsheet numbers its rows."""

    dry_run: bool = False
    total_rows: int = 0
    counts: dict = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    problems: list = field(default_factory=list)

    def add_problem(self, row, message):
        self.problems.append((row, message))

    def summary(self):
        counts = self.counts
        text = (
            f"{counts['created']} created, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged, {counts['duplicates']} duplicate rows "
            f"imported once, {counts['skipped']} bad rows skipped"
        )
        return f"Dry run, nothing saved: {text} (would be)." if self.dry_run else f"{text}."

    def as_json(self):
        """For core.ImportJob's `counts` and `problems`, and the worker."""
        return {
            "dry_run": self.dry_run,
            "total_rows": self.total_rows,
            "counts": dict(self.counts),
            "problems": [{"row": row, "message": message} for row, message in self.problems],
        }
