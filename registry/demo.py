"""Demo content for the registry: fictional case records (registry.samples),
enough for every chart to look as it will with the Registry's own data."""

from .models import CaseRecord
from .samples import sample_records

DEMO_RECORDS = 3500


def build_case_records(log):
    """The demo's case records, made once: in bulk, in well under a second."""
    if CaseRecord.objects.exists():
        return
    CaseRecord.objects.bulk_create(sample_records(DEMO_RECORDS), batch_size=500)
    log(f"Created {DEMO_RECORDS:,} fictional case records for the national figures.")
