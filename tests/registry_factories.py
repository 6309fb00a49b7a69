"""Case records and the pages that show the national figures, for tests
(tests/factories.py holds the rest of the site)."""

import factory
import wagtail_factories

from registry.models import CaseRecord
from stories.models import NumbersPage


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


class NumbersPageFactory(wagtail_factories.PageFactory):
    title = "The numbers"
    slug = "the-numbers"
    intro = "Every known exoneration since 1989, in figures."

    class Meta:
        model = NumbersPage


def figure_block(figure, factor=""):
    """A figure block's raw StreamField data."""
    return {"type": "registry_figure", "value": {"figure": figure, "factor": factor}}
