"""Writing counted views to the daily figures, and forgetting old ones: run
by the worker every minute (campaign's run_worker), and without Redis by each
web process for its own counts (impact.endpoint).

Each batch is added in one transaction that also records its name
(CountedBatch): a batch taken up again after a crash, or by two workers at
once, is added once; the other attempt finds the name and only lets go of
the batch. A crash between taking and writing loses nothing either (the batch
stays listed in Redis until written), so views are lost only when Redis
itself loses them or the worker stays down past KEPT_AFTER_THE_DAY.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from wagtail.models import Page

from .counters import counters
from .models import CountedBatch, DailyPageViews, DailyViewSource

# How long the names of written batches are kept: longer than a batch can
# wait in Redis (counters.TAKEN_KEPT).
BATCH_NAMES_KEPT = datetime.timedelta(days=3)


def write_counts(store=None):
    """Add every waiting batch to the daily figures; returns how many views."""
    store = store or counters()
    added = 0
    for batch in store.take():
        added += write(batch)
        store.done(batch)
    return added


def write(batch):
    """Add `batch` to its day's figures, unless it was added already."""
    live = set(
        Page.objects.filter(pk__in={fields[0] for fields in batch.views}).values_list(
            "pk", flat=True
        )
    )
    # A page deleted since it was read takes its views with it.
    views = {fields: count for fields, count in batch.views.items() if fields[0] in live}
    try:
        with transaction.atomic():
            CountedBatch.objects.create(name=batch.name)
            add_views(batch.day, views, batch.visitors)
            add_sources(batch.day, views)
    except IntegrityError:
        # Its name is there: added by an earlier attempt or another worker.
        if not CountedBatch.objects.filter(name=batch.name).exists():
            raise
        return 0
    return sum(views.values())


def add_views(day, views, visitors):
    per_page = {}
    for fields, count in views.items():
        per_page[fields[0]] = per_page.get(fields[0], 0) + count
    found = {
        row.page_id: row
        for row in DailyPageViews.objects.select_for_update().filter(day=day, page_id__in=per_page)
    }
    new = []
    for page_id, count in per_page.items():
        row = found.get(page_id) or DailyPageViews(page_id=page_id, day=day)
        row.views += count
        # A sketch of the day's readers so far: it only grows, and can't
        # count more people than views.
        row.visitors = min(max(row.visitors, visitors.get(page_id, 0)), row.views)
        if row.pk is None:
            new.append(row)
    DailyPageViews.objects.bulk_update(list(found.values()), ["views", "visitors"])
    DailyPageViews.objects.bulk_create(new)


def add_sources(day, views):
    def key(row):
        return (row.page_id, row.language, row.referrer_domain, row.utm_source, row.utm_campaign)

    # Every source of these pages that day: a few dozen each, and one query
    # whatever the batch holds.
    rows = DailyViewSource.objects.select_for_update().filter(
        day=day, page_id__in={fields[0] for fields in views}
    )
    found = {key(row): row for row in rows}
    new = []
    for fields, count in views.items():
        row = found.get(fields)
        if row is None:
            page_id, language, domain, source, campaign = fields
            new.append(
                DailyViewSource(
                    page_id=page_id,
                    day=day,
                    language=language,
                    referrer_domain=domain,
                    utm_source=source,
                    utm_campaign=campaign,
                    views=count,
                )
            )
        else:
            row.views += count
    DailyViewSource.objects.bulk_update(
        [row for fields, row in found.items() if fields in views], ["views"]
    )
    DailyViewSource.objects.bulk_create(new)


def prune(today=None):
    """Forget the daily figures past VIEW_COUNT_RETENTION_DAYS, and the names
    of batches written long ago. Returns how many figures went."""
    deleted, __ = DailyPageViews.objects.expired(today).delete()
    sources, __ = DailyViewSource.objects.expired(today).delete()
    CountedBatch.objects.filter(counted_at__lt=timezone.now() - BATCH_NAMES_KEPT).delete()
    return deleted + sources
