"""Saving the rows: every existing record's key read in one query, each row
compared in Python, then the new and changed records written in batches in
one transaction and added to the search index in bulk."""

from django.db import transaction
from django.utils import timezone

from wagtail.search.backends import get_search_backends

from registry.models import CaseRecord
from registry.signals import registry_imported

from .reading import read_sheet
from .results import ImportResult
from .rows import FIELDS, NATURAL_KEY, BadRow, natural_key, read_row

PROGRESS_EVERY = 250
BATCH_SIZE = 500


def import_registry(path_or_file, *, dry_run=False, progress=None):
    """Import the Registry's download: a path, an open binary file or bytes,
    .xlsx or .csv. Returns an ImportResult; raises ImportFailed (nothing
    saved) when the file as a whole can't be read. `progress(rows_done,
    total_rows)` is called every PROGRESS_EVERY rows and once at the end.
    A dry run saves nothing and reports the same counts."""
    sheet = read_sheet(path_or_file)
    plan = Plan(ImportResult(dry_run=dry_run, total_rows=sheet.total_rows))
    for done, (number, cells) in enumerate(sheet.rows(), 1):
        plan.take(number, cells)
        if progress and done % PROGRESS_EVERY == 0 and done < sheet.total_rows:
            progress(done, sheet.total_rows)

    if not dry_run:
        _save(plan.new, plan.changed, plan.changed_fields)
        transaction.on_commit(
            lambda: registry_imported.send(sender=CaseRecord, result=plan.result), robust=True
        )
    if progress:
        progress(sheet.total_rows, sheet.total_rows)
    return plan.result


class Plan:
    """What the rows do to the stored records, worked out in Python against
    every stored record's key and values, read in one query."""

    def __init__(self, result):
        self.result = result
        width = len(NATURAL_KEY)
        self.stored = {
            row[:width]: (row[width], row[width + 1 :])
            for row in CaseRecord.objects.values_list(*NATURAL_KEY, "pk", *FIELDS).iterator()
        }
        self.seen = {}  # natural key: the row it was first seen on
        self.new, self.changed, self.changed_fields = [], [], set()

    def take(self, number, cells):
        """Sort one row into new, changed, unchanged, duplicate or bad."""
        counts = self.result.counts
        try:
            values = read_row(cells)
        except BadRow as reason:
            counts["skipped"] += 1
            self.result.add_problem(number, f"Skipped: {reason}")
            return
        key = natural_key(values)
        if key in self.seen:
            first = self.seen[key]
            counts["duplicates"] += 1
            self.result.add_problem(
                number,
                f"The same person, state, county and conviction year as row {first}: "
                f"imported once, from row {first}.",
            )
            return
        self.seen[key] = number
        row = tuple(values[field] for field in FIELDS)
        if key not in self.stored:
            counts["created"] += 1
            self.new.append(CaseRecord(**values))
            return
        pk, stored_row = self.stored[key]
        if stored_row == row:
            counts["unchanged"] += 1
            return
        counts["updated"] += 1
        self.changed.append(CaseRecord(pk=pk, **values))
        self.changed_fields.update(
            field for field, old, now in zip(FIELDS, stored_row, row, strict=True) if old != now
        )


def _save(new, changed, fields):
    now = timezone.now()
    for record in changed:
        record.imported_at = now  # bulk_update skips auto_now
    with transaction.atomic():
        CaseRecord.objects.bulk_create(new, batch_size=BATCH_SIZE)
        # Only the columns that changed somewhere: bulk_update writes a CASE
        # per column and row, and a newer download changes few of either.
        CaseRecord.objects.bulk_update(
            changed, [*sorted(fields), "imported_at"], batch_size=BATCH_SIZE
        )
        # Saving one at a time would index one at a time (Wagtail's
        # post_save handler); bulk writes send no signals, so index here.
        records = new + changed
        for backend in get_search_backends(with_auto_update=True):
            for start in range(0, len(records), BATCH_SIZE):
                backend.add_bulk(CaseRecord, records[start : start + BATCH_SIZE])
