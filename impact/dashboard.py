"""What the impact dashboard shows for a period: the headline numbers against
the period before, then figures (a finding as the title, a chart drawn by
core.charts, and its table), all counts: no supporter is ever named here.
About fifteen queries whatever the number of pages, actions or days."""

from dataclasses import dataclass, field
from functools import cached_property

from django.utils import timezone
from django.utils.formats import number_format

from core.charts import Bar, Column, bar_chart, column_chart

from . import conversion, progress
from .periods import change, rate, shown_rate
from .platforms import by_platform
from .tables import Table

TOP = 10


def _n(value):
    return number_format(value, force_grouping=True)


@dataclass
class Figure:
    """A chart with its finding (`title`) and its table; `svg` is None when
    there is nothing to draw yet, and the page says what to expect instead."""

    key: str
    title: str
    svg: str | None
    table: Table
    summary: str = ""
    # Tables downloaded from here but too long to show: (name, caption).
    also: list = field(default_factory=list)


def _ticks(dates):
    """Which days the axis names: every one in a week, else each Monday."""
    every = len(dates) <= 7
    return [
        Column(label=f"{day:%-d %b}", value=0, tick="major" if every or day.weekday() == 0 else "")
        for day in dates
    ]


def _columns(dates, values):
    columns = _ticks(dates)
    for column, value in zip(columns, values, strict=True):
        column.value = value
    return columns


class Dashboard:
    def __init__(self, period):
        self.period = period
        self.today = timezone.localdate()

    @cached_property
    def totals(self):
        found = conversion.totals(self.period)
        views, signatures = found["views"], found["signatures"]
        days = self.period.days
        return {
            "views": views["now"],
            "views_change": change(views["now"], views["before"], days),
            "signatures": signatures["now"],
            "signatures_change": change(signatures["now"], signatures["before"], days),
            "rate": shown_rate(rate(signatures["now"], views["now"])),
            "rate_before": shown_rate(rate(signatures["before"], views["before"])),
        }

    @cached_property
    def stories(self):
        return conversion.stories(self.period)

    @cached_property
    def petitions(self):
        return progress.live_petitions(self.period)

    def daily(self):
        rows = conversion.by_day(self.period)
        table = Table(
            "days",
            "Views and signatures by day",
            ["Day", "Views", "Signatures", "Conversion"],
            ["date", "count", "count", "rate"],
            [[r["day"], r["views"], r["signatures"], r["rate"]] for r in rows],
        )
        views = [r["views"] for r in rows]
        busiest = max(rows, key=lambda r: r["views"])
        svg = None
        if any(views):
            svg = column_chart(
                "chart-days",
                "Views per day",
                f"The busiest day was {busiest['day']:%-d %B}, with {_n(busiest['views'])} views.",
                _columns(self.period.dates, views),
            )
        title = f"The busiest day was {busiest['day']:%A %-d %B}" if any(views) else "Views per day"
        return Figure("days", title, svg, table)

    def _story_table(self, name, caption, rows):
        return Table(
            name,
            caption,
            ["Story", "Views", "About how many people", "Signatures", "Conversion"],
            ["text", "count", "count", "count", "rate"],
            [[s.title, s.views, s.visitors, s.signatures, s.rate] for s in rows],
            empty="No story has been read yet in this period. Views appear here a minute or "
            "two after the first readers arrive.",
        )

    def top_by_views(self):
        rows = self.stories[:TOP]
        table = self._story_table("stories-by-views", "Stories by views", self.stories)
        svg, title = None, "Stories by views"
        if rows and rows[0].views:
            title = f"“{rows[0].title}” was read most: {_n(rows[0].views)} views"
            bars = [Bar(label=s.title, value=s.views, shown=_n(s.views)) for s in rows]
            svg = bar_chart("chart-stories-views", "Stories by views", title, bars)
        also = [("stories-by-day", "Each story by day")]
        return Figure("stories-by-views", title, svg, table, also=also)

    def top_by_conversion(self):
        ranked = conversion.by_rate(self.stories)
        table = self._story_table("stories-by-conversion", "Stories by conversion", ranked)
        table.empty = (
            "No story has been read at least "
            f"{conversion.FEWEST_VIEWS_RANKED} times in this period: a rate over fewer "
            "views says more about chance than about the story."
        )
        svg, title = None, "Stories by conversion"
        if ranked:
            best = ranked[0]
            title = f"“{best.title}” turned most readers into signers: {shown_rate(best.rate)}"
            bars = [Bar(label=s.title, value=s.rate, shown=shown_rate(s.rate)) for s in ranked]
            svg = bar_chart("chart-stories-rate", "Stories by conversion", title, bars[:TOP])
        summary = (
            "Signatures from a story’s page divided by its views. Only stories read at least "
            f"{conversion.FEWEST_VIEWS_RANKED} times are ranked."
        )
        return Figure("stories-by-conversion", title, svg, table, summary)

    def themes(self):
        rows = conversion.themes(self.period)
        table = Table(
            "themes",
            "Themes by conversion",
            ["Theme", "Views", "Signatures", "Conversion"],
            ["text", "count", "count", "rate"],
            [[t.title, t.views, t.signatures, t.rate] for t in rows],
            empty="No theme explainer is published yet.",
        )
        rated = [t for t in rows if t.rate is not None]
        svg, title = None, "Themes by conversion"
        if rated:
            title = (
                f"{rated[0].title} turned most readers into signers: {shown_rate(rated[0].rate)}"
            )
            bars = [Bar(label=t.title, value=t.rate, shown=shown_rate(t.rate)) for t in rated]
            svg = bar_chart("chart-themes", "Themes by conversion", title, bars)
        summary = (
            "A theme counts its explainer’s views and signatures and those of the stories "
            "filed under its factors."
        )
        return Figure("themes", title, svg, table, summary)

    def actions(self):
        figures = []
        for n, petition in enumerate(self.petitions):
            running = petition.running_totals()
            projection = petition.projection(self.today)
            table = Table(
                f"action-{petition.pk}",
                f"Signatures by day: {petition.title}",
                ["Day", "Signatures", "Total"],
                ["date", "count", "count"],
                [
                    [day, count, total]
                    for (day, count), (__, total) in zip(petition.per_day, running, strict=True)
                ],
            )
            if petition.reached:
                title = f"{petition.title} has reached its goal of {_n(petition.goal)}"
            elif projection == "not at this rate":
                title = f"{petition.title} will not reach its goal at this rate"
            else:
                title = f"{petition.title} will reach its goal around {projection}"
            summary = (
                f"{_n(petition.total)} of {_n(petition.goal)} signatures; "
                f"{_n(petition.in_period)} in {self.period}. Reaching the goal: {projection}."
            )
            svg = column_chart(
                f"chart-action-{n}",
                f"Total signatures by day: {petition.title}",
                summary,
                _columns(self.period.dates, [total for __, total in running]),
                goal=(petition.goal, f"Goal: {_n(petition.goal)}"),
            )
            figures.append(Figure(f"action-{petition.pk}", title, svg, table, summary))
        return figures

    def stories_by_day(self):
        """Every story's views and signatures on each day: too long to show,
        downloaded only."""
        return Table(
            "stories-by-day",
            "Each story by day",
            ["Day", "Story", "Views", "Signatures", "Conversion"],
            ["date", "text", "count", "count", "rate"],
            [
                [r["day"], r["title"], r["views"], r["signatures"], r["rate"]]
                for r in conversion.stories_by_day(self.period)
            ],
        )

    def action_summary(self):
        """Every live petition's progress in one table, for the CSV."""
        return Table(
            "actions",
            "Live petitions and their goals",
            ["Petition", "Signatures", f"In {self.period}", "Goal", "Reaching the goal"],
            ["text", "count", "count", "count", "text"],
            [
                [p.title, p.total, p.in_period, p.goal, p.projection(self.today)]
                for p in self.petitions
            ],
            empty="No petition is live. Publish one to follow its signatures here.",
        )

    # (table, field, its column's heading, caption, how an empty value reads)
    SOURCES = (
        (
            "referrers",
            "referrer_domain",
            "Referring site",
            "Where readers came from",
            "No other site (typed, bookmarked, from this site, or not said)",
        ),
        (
            "utm-sources",
            "utm_source",
            "utm_source",
            "Links shared on each platform (utm_source)",
            "No utm_source",
        ),
        (
            "utm-campaigns",
            "utm_campaign",
            "utm_campaign",
            "Links shared for each page or campaign (utm_campaign)",
            "No utm_campaign",
        ),
        ("languages", "language", "Language", "The languages pages were read in", ""),
    )

    def sources(self):
        found = []
        for key, column, header, caption, none in self.SOURCES:
            rows = [
                [conversion.language_name(value) if column == "language" else value or none, views]
                for value, views in conversion.sources(self.period, column)
            ]
            table = Table(key, caption, [header, "Views"], ["text", "count"], rows)
            svg, title = None, caption
            if rows:
                title = f"{caption}: {rows[0][0]} first, with {_n(rows[0][1])} views"
                bars = [Bar(label=name, value=views, shown=_n(views)) for name, views in rows]
                svg = bar_chart(f"chart-{key}", caption, title, bars)
            found.append(Figure(key, title, svg, table))
        return found

    def platforms(self):
        rows = by_platform(self.period)
        table = Table(
            "platforms",
            "Platforms: views and signers by utm_source",
            ["Platform (utm_source)", "Views", "Signatures", "Letters", "Conversion"],
            ["text", "count", "count", "count", "rate"],
            [[p.name, p.views, p.signatures, p.letters, p.rate] for p in rows],
            empty="No one came by a shared link in this period. Views and signers appear here "
            "once links carrying utm_source (every share link on the site does) are followed.",
        )
        svg, title = None, "Platforms by signers"
        if rows and rows[0].signers:
            title = f"“{rows[0].name}” brought the most signers: {_n(rows[0].signers)}"
            bars = [Bar(label=p.name, value=p.signers, shown=_n(p.signers)) for p in rows]
            svg = bar_chart("chart-platforms", "Signers by platform", title, bars[:TOP])
        summary = (
            "Signatures and finished letters from supporters who came by a link carrying "
            "utm_source, beside the views such links brought. Conversion is signers divided "
            f"by views, shown for platforms with at least {conversion.FEWEST_VIEWS_RANKED} views."
        )
        return Figure("platforms", title, svg, table, summary)

    def figures(self):
        return [
            self.daily(),
            self.top_by_views(),
            self.top_by_conversion(),
            self.themes(),
            self.platforms(),
            *self.sources(),
        ]

    def tables(self):
        """Every table by its name, for the CSV download."""
        figures = [*self.figures(), *self.actions()]
        return {f.table.name: f.table for f in figures} | {
            "actions": self.action_summary(),
            "stories-by-day": self.stories_by_day(),
        }
