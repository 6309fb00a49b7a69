"""Fixtures for the stories' tests: a story index, factors under two
themes, and live, draft and restricted stories with private notes."""

from decimal import Decimal

import pytest

from wagtail.models import PageViewRestriction

from home.models import HomePage
from tests.factories import ContributingFactorFactory, StoryIndexPageFactory, ThemePageFactory
from tests.stories.published import make_story


@pytest.fixture
def index():
    return StoryIndexPageFactory(parent=HomePage.objects.get())


@pytest.fixture
def factors():
    home = HomePage.objects.get()
    eyewitness = ThemePageFactory(parent=home, title="The Eyewitness", slug="the-eyewitness")
    evidence = ThemePageFactory(parent=home, title="The Evidence", slug="the-evidence")
    return [
        ContributingFactorFactory(name="Mistaken witness ID", slug="mistaken-id", theme=eyewitness),
        ContributingFactorFactory(name="Suggestive line-up", slug="line-up", theme=eyewitness),
        ContributingFactorFactory(name="False forensics", slug="forensics", theme=evidence),
        ContributingFactorFactory(name="Unmapped", slug="unmapped"),
    ]


@pytest.fixture
def stories(index, factors):
    marcus = make_story(
        index,
        1,
        person_name="Marcus Reed",
        slug="marcus-reed",
        factors=factors,
        years_lost_known=Decimal("11.5"),
        death_row=True,
        dna_based=True,
    )
    other = make_story(index, 2, person_name="Ana Ortiz", slug="ana-ortiz", factors=factors[2:3])
    draft = make_story(index, 3, person_name="Draft Person", slug="draft", live=False)
    hidden = make_story(index, 4, person_name="Hidden Person", slug="hidden")
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    return {"marcus": marcus, "other": other, "draft": draft, "hidden": hidden}
