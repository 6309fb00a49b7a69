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
    result = ImportResult(dry_run=dry_run, total_rows=sheet.total_rows)
    stored = {
        row[:5]: (row[5], row[6:])
        for row in CaseRecord.objects.values_list(*NATURAL_KEY, "pk", *FIELDS).iterator()
    }
    seen, new, changed, fields = {}, [], [], set()
    for done, (number, cells) in enumerate(sheet.rows(), 1):
        _take(number, cells, result, stored, seen, new, changed, fields)
        if progress and done % PROGRESS_EVERY == 0 and done < sheet.total_rows:
            progress(done, sheet.total_rows)

    if not dry_run:
        _save(new, changed, fields)
        transaction.on_commit(
            lambda: registry_imported.send(sender=CaseRecord, result=result), robust=True
        )
    if progress:
        progress(sheet.total_rows, sheet.total_rows)
    return result


def _take(number, cells, result, stored, seen, new, changed, fields):
    """Sort one row into new, changed (adding to `fields` those that
    changed), unchanged, duplicate or bad."""
    try:
        values = read_row(cells)
    except BadRow as reason:
        result.counts["skipped"] += 1
        result.add_problem(number, f"Skipped: {reason}")
        return
    key = natural_key(values)
    if key in seen:
        result.counts["duplicates"] += 1
        result.add_problem(
            number,
            f"The same person, state, county and conviction year as row {seen[key]}: "
            f"imported once, from row {seen[key]}.",
        )
        return
    seen[key] = number
    row = tuple(values[field] for field in FIELDS)
    if key not in stored:
        result.counts["created"] += 1
        new.append(CaseRecord(**values))
    elif stored[key][1] != row:
        result.counts["updated"] += 1
        changed.append(CaseRecord(pk=stored[key][0], **values))
        fields.update(
            f for f, old, now in zip(FIELDS, stored[key][1], row, strict=True) if old != now
        )
    else:
        result.counts["unchanged"] += 1


def _save(new, changed, fields):
    now = timezone.now()
    for record in changed:
        record.imported_at = now  # bulk_update skips auto_now
    with transaction.atomic():
        CaseRecord.objects.bulk_create(new, batch_size=BATCH_SIZE)
        CaseRecord.objects.bulk_update(changed, [*FIELDS, "imported_at"], batch_size=BATCH_SIZE)
        # Saving one at a time would index one at a time (Wagtail's
        # post_save handler); bulk writes send no signals, so index here.
        records = new + changed
        for backend in get_search_backends(with_auto_update=True):
            for start in range(0, len(records), BATCH_SIZE):
                backend.add_bulk(CaseRecord, records[start : start + BATCH_SIZE])
