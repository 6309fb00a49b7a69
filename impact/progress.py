"""Each live petition's way to its goal: its signatures on each day of a
period, its total, and when it will reach the goal if signing goes on at the
period's pace. Three queries for every petition together."""

import datetime
import math
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from actions.models import PetitionPage, Signature

# An action this close to its goal is named in the weekly summary.
NEAR_THE_GOAL = 0.9


@dataclass
class Progress:
    """One petition (in all its languages: its signatures share a campaign)."""

    pk: int
    title: str
    goal: int
    total: int
    before: int
    per_day: list = field(default_factory=list)  # (day, signatures)

    @property
    def in_period(self):
        return sum(count for __, count in self.per_day)

    @property
    def daily_rate(self):
        return self.in_period / len(self.per_day) if self.per_day else 0

    @property
    def reached(self):
        return self.total >= self.goal

    @property
    def near_goal(self):
        return not self.reached and self.goal and self.total >= NEAR_THE_GOAL * self.goal

    def projected(self, today):
        """The day it reaches its goal at the period's pace, or None when
        it has, or when nobody signed in the period."""
        if self.reached or not self.daily_rate:
            return None
        days = math.ceil((self.goal - self.total) / self.daily_rate)
        return today + datetime.timedelta(days=days)

    def projection(self, today):
        """The projection in words: “reached”, “not at this rate”, or a date."""
        if self.reached:
            return "reached"
        when = self.projected(today)
        return f"{when:%-d %b %Y}" if when else "not at this rate"

    def running_totals(self):
        """(day, total so far at the day's end) for the chart."""
        total, found = self.before, []
        for day, count in self.per_day:
            total += count
            found.append((day, total))
        return found


def live_petitions(period):
    """Every live petition's progress over `period`, newest first; a
    petition translated into several languages once."""
    pages = PetitionPage.objects.live().order_by("-first_published_at", "pk")
    petitions = {}
    for page in pages.values("pk", "title", "goal", "translation_key"):
        petitions.setdefault(page["translation_key"], page)
    counts = (
        Signature.objects.filter(campaign__in=list(petitions))
        .values("campaign")
        .annotate(
            total=Count("pk"),
            before=Count("pk", filter=Q(created_at__lt=period.starts)),
        )
    )
    counts = {row["campaign"]: row for row in counts}
    day = TruncDate("created_at", tzinfo=timezone.get_current_timezone())
    daily = (
        Signature.objects.filter(
            campaign__in=list(petitions),
            created_at__gte=period.starts,
            created_at__lt=period.ends,
        )
        .annotate(day=day)
        .values("campaign", "day")
        .annotate(n=Count("pk"))
    )
    per_day = {(row["campaign"], row["day"]): row["n"] for row in daily}
    found = []
    for key, page in petitions.items():
        count = counts.get(key, {"total": 0, "before": 0})
        found.append(
            Progress(
                pk=page["pk"],
                title=page["title"],
                goal=page["goal"],
                total=count["total"],
                before=count["before"],
                per_day=[(each, per_day.get((key, each), 0)) for each in period.dates],
            )
        )
    return found
