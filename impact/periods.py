"""The stretches of days staff read the figures over, and how one compares
with the one before it. Days are the organisation's (TIME_ZONE), as the daily
figures are (impact.models)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

# What the dashboard offers: a week, a month, a quarter.
LENGTHS = (7, 30, 90)
DEFAULT_LENGTH = 30


@dataclass(frozen=True)
class Period:
    """`days` days ending with `last` (included)."""

    days: int
    last: datetime.date

    @classmethod
    def ending_today(cls, days=DEFAULT_LENGTH, today=None):
        return cls(days, today or timezone.localdate())

    @classmethod
    def from_choice(cls, value, today=None):
        """The period a staff member chose (`?days=`), or the default for
        anything else: a bookmarked or mistyped address still shows figures."""
        try:
            days = int(value)
        except (TypeError, ValueError):
            days = DEFAULT_LENGTH
        return cls.ending_today(days if days in LENGTHS else DEFAULT_LENGTH, today)

    @property
    def first(self):
        return self.last - datetime.timedelta(days=self.days - 1)

    @property
    def previous(self):
        """The same number of days just before."""
        return Period(self.days, self.first - datetime.timedelta(days=1))

    @property
    def dates(self):
        return [self.first + datetime.timedelta(days=n) for n in range(self.days)]

    @property
    def starts(self):
        """Its first moment, for what is stamped with a time (signatures)."""
        return _midnight(self.first)

    @property
    def ends(self):
        """The moment after its last day."""
        return _midnight(self.last + datetime.timedelta(days=1))

    def __str__(self):
        return f"the last {self.days} days"


def _midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def change(now, before, days):
    """How `now` compares with `before` (the previous `days` days), in words
    staff read at a glance: “+12 % on the previous 30 days”."""
    if not before:
        return f"none in the previous {days} days" if not now else "new: none the period before"
    percent = round(100 * (now - before) / before)
    if percent == 0:
        return f"the same as the previous {days} days"
    return f"{percent:+d} % on the previous {days} days"


def rate(signatures, views):
    """Signatures per view, or None when nothing was read: a rate of nothing
    is not zero, it is unknown."""
    return signatures / views if views else None


def shown_rate(value):
    """A conversion rate as staff read it: “2.5 %”, “—” when unknown."""
    if value is None:
        return "—"
    return f"{100 * value:.1f} %"
