"""Case records for tests (tests/factories.py holds the site's pages)."""

import factory

from registry.models import CaseRecord


class CaseRecordFactory(factory.django.DjangoModelFactory):
    """A fictional record: a name no real case has, in Illinois, convicted in
    1990 and exonerated in 2001, with no factor unless given."""

    last_name = factory.Sequence(lambda n: f"Samplerecord{n}")
    first_name = "Alex"
    state = "Illinois"
    county = "Sample"
    worst_crime = "Murder"
    sentence = "Life"
    crime_year = 1989
    conviction_year = 1990
    exoneration_year = 2001

    class Meta:
        model = CaseRecord
