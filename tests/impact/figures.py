"""What the impact dashboard's tests share: a small campaign with stories
under a theme, a petition, and its views and signatures on given days."""

import datetime

import pytest

from django.utils import timezone

from impact.models import DailyPageViews, DailyViewSource
from impact.periods import Period
from tests.factories import (
    ActionIndexPageFactory,
    ContributingFactorFactory,
    ExonereeStoryPageFactory,
    PetitionPageFactory,
    SignatureFactory,
    StoryIndexPageFactory,
    ThemePageFactory,
)

TODAY = datetime.date(2026, 3, 11)  # a Wednesday


def viewed(page, day, views, visitors=None, **source):
    """`views` of `page` on `day`, from one source (language "en" unless given)."""
    DailyPageViews.objects.create(
        page=page, day=day, views=views, visitors=visitors if visitors is not None else views
    )
    DailyViewSource.objects.create(page=page, day=day, views=views, **{"language": "en", **source})


def signed(petition, day, count=1, source=None, **fields):
    """`count` signatures on `petition` at noon on `day`, from `source`."""
    when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    return [
        SignatureFactory(action=petition, source_page=source, created_at=when, **fields)
        for __ in range(count)
    ]


def days_ago(n):
    return TODAY - datetime.timedelta(days=n)


@pytest.fixture
def campaign(home):
    """Two stories under one theme (through two of its factors for the
    first), a third under no theme, a petition with a goal of 100."""
    theme = ThemePageFactory(parent=home, title="The Eyewitness")
    mistaken = ContributingFactorFactory(theme=theme, name="Mistaken witness")
    lineup = ContributingFactorFactory(theme=theme, name="Suggestive lineup")
    index = StoryIndexPageFactory(parent=home)
    first = ExonereeStoryPageFactory(
        parent=index, person_name="Marcus Reed", factors=[mistaken, lineup]
    )
    second = ExonereeStoryPageFactory(parent=index, person_name="Ana Ortiz", factors=[mistaken])
    alone = ExonereeStoryPageFactory(parent=index, person_name="Lee Park")
    petition = PetitionPageFactory(parent=ActionIndexPageFactory(parent=home), goal=100)
    return {
        "theme": theme,
        "first": first,
        "second": second,
        "alone": alone,
        "petition": petition,
        "period": Period(7, TODAY),
    }
