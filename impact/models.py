"""The daily figures: counts only. Nothing here, nor in what the endpoint
keeps in Redis before the worker writes it here (impact.counters), can tell
one reader from another: no address, no user agent, no cookie."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from wagtail.models import Page

from core.sharing import TAG_LENGTH

# The longest referring domain kept; a longer one is junk, and is dropped, not
# cut (impact.beacon). The longest utm value is core.sharing's.
DOMAIN_LENGTH = 100


def languages():
    return settings.LANGUAGES


class DailyQuerySet(models.QuerySet):
    def expired(self, today=None):
        """The days older than VIEW_COUNT_RETENTION_DAYS."""
        today = today or timezone.localdate()
        return self.filter(
            day__lt=today - datetime.timedelta(days=settings.VIEW_COUNT_RETENTION_DAYS)
        )

    def within(self, period):
        """The figures of the days of `period` (impact.periods.Period)."""
        return self.filter(day__gte=period.first, day__lte=period.last)

    def views_by(self, field):
        """(value, views) for each value of `field` ("day", "language"…),
        most views first."""
        return (
            self.values(field)
            .annotate(total=models.Sum("views"))
            .order_by("-total", field)
            .values_list(field, "total")
        )


class DailyPageViews(models.Model):
    """How often a page was read on one day (in the organisation's time
    zone), and by about how many people: what a story's conversion rate
    divides its signatures by."""

    page = models.ForeignKey(
        Page,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The page that was read.",
    )
    day = models.DateField(help_text="The day, in the organisation's time zone.")
    views = models.PositiveIntegerField(
        default=0, help_text="How many times the page was read that day."
    )
    visitors = models.PositiveIntegerField(
        default=0,
        help_text=(
            "About how many people read it that day: an estimate from a code that changes "
            "every day, never from who they are."
        ),
    )

    objects = DailyQuerySet.as_manager()

    class Meta:
        verbose_name = "daily page views"
        verbose_name_plural = "daily page views"
        constraints = [
            models.UniqueConstraint(fields=["page", "day"], name="impact_one_figure_per_page_day")
        ]
        indexes = [models.Index(fields=["day"], name="impact_views_day")]

    def __str__(self):
        return f"{self.page_id} on {self.day}: {self.views} views"


class DailyViewSource(models.Model):
    """Part of a page's views on one day: those read in one language and
    coming from one place (another site, a campaign's link, or neither). A
    page's day adds up to its DailyPageViews."""

    page = models.ForeignKey(
        Page,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The page that was read.",
    )
    day = models.DateField(help_text="The day, in the organisation's time zone.")
    language = models.CharField(
        max_length=8, choices=languages, help_text="The language the page was read in."
    )
    referrer_domain = models.CharField(
        max_length=DOMAIN_LENGTH,
        blank=True,
        help_text=(
            "The site the reader came from, by its domain alone (never the address of the "
            "page); empty when unknown or from this site."
        ),
    )
    utm_source = models.CharField(
        max_length=TAG_LENGTH,
        blank=True,
        help_text="The utm_source of the link the reader followed (for example “bluesky”).",
    )
    utm_campaign = models.CharField(
        max_length=TAG_LENGTH,
        blank=True,
        help_text="The utm_campaign of the link the reader followed.",
    )
    views = models.PositiveIntegerField(
        default=0, help_text="How many times the page was read that day from there."
    )

    objects = DailyQuerySet.as_manager()

    class Meta:
        verbose_name = "daily views by source"
        verbose_name_plural = "daily views by source"
        constraints = [
            models.UniqueConstraint(
                fields=["page", "day", "language", "referrer_domain", "utm_source", "utm_campaign"],
                name="impact_one_figure_per_source",
            )
        ]
        indexes = [models.Index(fields=["day"], name="impact_sources_day")]

    def __str__(self):
        where = self.referrer_domain or self.utm_source or "direct"
        return f"{self.page_id} on {self.day} from {where}: {self.views} views"


class CountedBatch(models.Model):
    """A batch of counts the worker took from Redis and wrote here, by name,
    in the same transaction as its counts: a batch whose writing was cut
    short after the commit (a crash before Redis heard of it) is not added
    twice when it is taken up again."""

    name = models.CharField(
        max_length=100, unique=True, help_text="The batch's name in Redis (impact.counters)."
    )
    counted_at = models.DateTimeField(
        auto_now_add=True, help_text="When its counts were added to the daily figures."
    )

    class Meta:
        verbose_name = "counted batch of views"
        verbose_name_plural = "counted batches of views"

    def __str__(self):
        return self.name


class WeeklySummary(models.Model):
    """A week whose summary email went to the Moderators (impact.weekly):
    written in the transaction that sends it, so that a week is summed up
    once, however many workers try."""

    week_starting = models.DateField(
        unique=True, help_text="The Monday the summarised week began on."
    )
    sent_at = models.DateTimeField(auto_now_add=True, help_text="When the summary was sent.")
    recipients = models.PositiveIntegerField(
        default=0, help_text="How many Moderators it was sent to."
    )

    class Meta:
        verbose_name = "weekly impact summary"
        verbose_name_plural = "weekly impact summaries"

    def __str__(self):
        return f"Week of {self.week_starting}"
